// Reads the class declarations of an .iig file: `class [KERNEL] [LOCALONLY] Name : public Super
// { … };`, Apple's class extensions `class EXTENDS(Base) Name { … };`, and each method with its
// parameters, `override`, `= 0` and iig annotations (the list OSObject.iig defines) with exact
// offsets. Not a compiler: a linear pass over tokens that skips whatever it does not need and never
// throws.
import { bracketPartners, tokenize, type Token } from './tokens';

export interface IigAnnotation {
  name: string;
  arg?: string;
  start: number;
  end: number;
  argStart?: number;
  argEnd?: number;
}

export interface IigMethodDecl {
  name: string;
  nameStart: number;
  nameEnd: number;
  start: number;
  end: number;
  params: string;
  override: boolean;
  pure: boolean;
  localOnly: boolean;
  queueName?: string;
  annotations: IigAnnotation[];
}

export interface IigClassDecl {
  name: string;
  superclass?: string;
  /** `class EXTENDS(Base) Name`: a class extension, whose methods belong to `Base`. */
  extends?: string;
  /** Annotations between `class` and the name (`KERNEL`, `LOCALONLY`, `EXTENDS(…)`…). */
  annotations: IigAnnotation[];
  /** `class LOCALONLY Name`: every method of the class is local only. */
  localOnly: boolean;
  nameStart: number;
  nameEnd: number;
  start: number;
  end: number;
  kernel: boolean;
  methods: IigMethodDecl[];
}

export interface IigScan {
  classes: IigClassDecl[];
  problems: { start: number; end: number; message: string }[];
}

/**
 * The iig annotations, as apple-oss-distributions/xnu iokit/DriverKit/OSObject.iig defines them
 * (`#define KERNEL __attribute__((annotate("kernel")))` …): never a class or method name. There is
 * no `ASYNC`.
 */
export const ANNOTATIONS: ReadonlySet<string> = new Set([
  'KERNEL', 'NATIVE', 'LOCAL', 'LOCALONLY', 'REMOTE', 'LOCALHOST', 'INVOKEREPLY', 'REPLY', 'PORTMAKESEND', 'PORTCOPYSEND',
  'TARGET', 'TYPE', 'EXTENDS', 'QUEUENAME', 'IIG_SERIALIZABLE', 'IIG_CONCRETE',
]);
const SKIPPED_STATEMENTS = new Set(['struct', 'enum', 'typedef', 'using', 'friend', 'class', 'union', 'static_assert', 'template']);
const OPEN: Record<string, string> = { '(': ')', '{': '}', '[': ']' };

/** Reads `NAME` or `NAME(arg)` at `a` (an annotation token); returns it and the index after it. */
function readAnnotation(text: string, tokens: Token[], partner: Int32Array, a: number, limit: number): { annotation: IigAnnotation; next: number } {
  const tok = tokens[a]!;
  const annotation: IigAnnotation = { name: tok.text, start: tok.start, end: tok.end };
  if (tokens[a + 1]?.text === '(') {
    const m = partner[a + 1]!;
    if (m > a && m <= limit) {
      const argFrom = tokens[a + 1]!.end;
      const argTo = tokens[m]!.start;
      const raw = text.slice(argFrom, argTo);
      annotation.arg = raw.trim();
      annotation.argStart = argFrom + (raw.length - raw.trimStart().length);
      annotation.argEnd = annotation.argStart + annotation.arg.length;
      annotation.end = tokens[m]!.end;
      return { annotation, next: m + 1 };
    }
  }
  return { annotation, next: a + 1 };
}

export function scanIig(text: string): IigScan {
  const { tokens, problems } = tokenize(text);
  const partner = bracketPartners(tokens);
  const classes: IigClassDecl[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.type !== 'ident' || t.text !== 'class') {
      i++;
      continue;
    }
    let j = i + 1;
    const classAnnotations: IigAnnotation[] = [];
    while (tokens[j]?.type === 'ident' && ANNOTATIONS.has(tokens[j]!.text)) {
      const { annotation, next } = readAnnotation(text, tokens, partner, j, tokens.length - 1);
      classAnnotations.push(annotation);
      j = next;
    }
    const nameToken = tokens[j];
    if (nameToken?.type !== 'ident') {
      i = j;
      continue;
    }
    j++;
    let superclass: string | undefined;
    if (tokens[j]?.text === ':') {
      j++;
      while (tokens[j]?.type === 'ident' && ['public', 'private', 'protected', 'virtual'].includes(tokens[j]!.text)) j++;
      if (tokens[j]?.type === 'ident') {
        superclass = tokens[j]!.text;
        j++;
        while (tokens[j]?.text === '::' && tokens[j + 1]?.type === 'ident') {
          superclass = tokens[j + 1]!.text;
          j += 2;
        }
      }
    }
    // Skip to the body (or a forward declaration's `;`).
    while (j < tokens.length && tokens[j]!.text !== '{' && tokens[j]!.text !== ';') j++;
    if (tokens[j]?.text !== '{') {
      i = j + 1;
      continue;
    }
    const close = partner[j]!;
    const bodyEnd = close < 0 ? tokens.length : close;
    if (close < 0) problems.push({ start: tokens[j]!.start, end: tokens[j]!.end, message: `The body of class ${nameToken.text} is never closed: a '}' is missing (unbalanced braces).` });
    const decl: IigClassDecl = {
      name: nameToken.text,
      nameStart: nameToken.start,
      nameEnd: nameToken.end,
      start: t.start,
      end: close < 0 ? text.length : (tokens[close + 1]?.text === ';' ? tokens[close + 1]!.end : tokens[close]!.end),
      kernel: classAnnotations.some((a) => a.name === 'KERNEL'),
      localOnly: classAnnotations.some((a) => a.name === 'LOCALONLY'),
      annotations: classAnnotations,
      methods: [],
    };
    if (superclass) decl.superclass = superclass;
    const extended = classAnnotations.find((a) => a.name === 'EXTENDS')?.arg;
    if (extended) decl.extends = extended;
    readMembers(text, tokens, partner, j + 1, bodyEnd, decl, problems);
    classes.push(decl);
    i = close < 0 ? tokens.length : close + 1;
  }
  return { classes, problems };
}

function readMembers(text: string, tokens: Token[], partner: Int32Array, from: number, to: number, decl: IigClassDecl, problems: IigScan['problems']): void {
  let k = from;
  while (k < to) {
    // Access labels.
    if (tokens[k]!.type === 'ident' && ['public', 'private', 'protected'].includes(tokens[k]!.text) && tokens[k + 1]?.text === ':') {
      k += 2;
      continue;
    }
    // One member: up to `;` at this level (nested brackets skipped), or an inline body `{…}`.
    const start = k;
    let paren = -1;
    let end = -1;
    while (k < to) {
      const tok = tokens[k]!;
      if (tok.type === 'punct' && OPEN[tok.text]) {
        const m = partner[k]!;
        if (m < 0 || m >= to) {
          problems.push({ start: tok.start, end: tok.end, message: `Unbalanced '${tok.text}' in the declaration: its closing '${OPEN[tok.text]}' is missing.` });
          k = to;
          break;
        }
        if (tok.text === '(' && paren < 0) paren = k;
        if (tok.text === '{') {
          // Inline body: the member ends after it.
          k = m + 1;
          if (tokens[k]?.text === ';') k++;
          end = k - 1;
          break;
        }
        k = m + 1;
        continue;
      }
      if (tok.text === ';') {
        end = k;
        k++;
        break;
      }
      k++;
    }
    if (end < 0) end = Math.min(k, to) - 1;
    if (paren < 0 || end < start) continue;
    const first = tokens[start]!;
    if (first.type === 'ident' && SKIPPED_STATEMENTS.has(first.text)) continue;
    const nameToken = tokens[paren - 1];
    if (nameToken?.type !== 'ident' || nameToken.text === 'operator' || ANNOTATIONS.has(nameToken.text)) continue;
    const closeParen = partner[paren]!;
    const method: IigMethodDecl = {
      name: nameToken.text,
      nameStart: nameToken.start,
      nameEnd: nameToken.end,
      start: first.start,
      end: tokens[end]!.end,
      params: text.slice(tokens[paren]!.end, tokens[closeParen]!.start).trim(),
      override: false,
      pure: false,
      localOnly: false,
      annotations: [],
    };
    // Annotations and specifiers after the parameter list (and a few before the name).
    const scanAnnotation = (a: number, limit: number): number => {
      const tok = tokens[a]!;
      if (tok.type === 'ident' && ANNOTATIONS.has(tok.text)) {
        const { annotation, next } = readAnnotation(text, tokens, partner, a, limit);
        method.annotations.push(annotation);
        return next;
      }
      if (tok.text === 'override') method.override = true;
      if (tok.text === '=' && tokens[a + 1]?.text === '0') {
        method.pure = true;
        return a + 2;
      }
      return a + 1;
    };
    for (let a = start; a < paren - 1; ) a = scanAnnotation(a, paren - 1);
    // TYPE(…) marks an OSAction parameter inside the parameter list.
    for (let a = paren + 1; a < closeParen; ) a = tokens[a]!.text === 'TYPE' ? scanAnnotation(a, closeParen - 1) : a + 1;
    for (let a = closeParen + 1; a <= end; ) a = scanAnnotation(a, end);
    method.localOnly = decl.localOnly || method.annotations.some((x) => x.name === 'LOCALONLY');
    const queue = method.annotations.find((x) => x.name === 'QUEUENAME');
    if (queue?.arg !== undefined) method.queueName = queue.arg;
    decl.methods.push(method);
  }
}
