// What the queue and dispatch checks need from a driver's .cpp/.h: the bodies of `IMPL(Class,
// Method)`, of its expansion `Class::Method_Impl(…)` (the same dispatched method), and of plain
// members `Class::Method(…)`, and inside them the calls of SetDispatchQueue, IODispatchQueue::
// Create, `Method(…, SUPERDISPATCH)`, and the plain calls that tell which methods run from a
// method (a `CreateActionM(…)` counts as reaching M, the handler the action will call).
// A linear pass over tokens (brackets paired once up front); anything it does not understand is
// skipped, never thrown on.
import { bracketPartners, tokenize, type Token } from '../iig/tokens';

export interface CppCall {
  /** The called name (`SetDispatchQueue`, `Create`, a method name…). */
  callee: string;
  start: number;
  end: number;
  /** First argument when it is a string literal: its text and the literal's span (quotes included). */
  stringArg?: { value: string; start: number; end: number };
  /** Source text of each argument. */
  args: string[];
  /** Offset just after the statement that holds the call (after its `;`), for insertions. */
  statementEnd: number;
  /** Offset of the statement's first character. */
  statementStart: number;
}

export interface CppBody {
  className: string;
  method: string;
  /** `IMPL(C, M)` or `C::M_Impl` (a dispatched method), or `C::M` (a plain C++ member). */
  form: 'IMPL' | 'member';
  /** Span of `IMPL(C, M)` or `C::M` in the header of the definition. */
  headerStart: number;
  headerEnd: number;
  /** The body, braces included. */
  bodyStart: number;
  bodyEnd: number;
  setDispatchQueue: CppCall[];
  createQueue: CppCall[];
  superdispatch: CppCall[];
  /** Names called as plain functions/methods in the body (for the call graph from Start). */
  calls: Set<string>;
}

export interface CppScan {
  bodies: CppBody[];
  /** `struct Name_IVars {` → offset just after its `{`, for inserting an ivar. */
  ivarStructs: Map<string, { openEnd: number; closeStart: number }>;
  problems: { start: number; end: number; message: string }[];
}

const IMPL_SUFFIX = '_Impl';
const CREATE_ACTION = 'CreateAction';

/**
 * Splits the tokens between `(` and its `)` into argument texts. Nested brackets are jumped over
 * (their partner is known), so each token is read by its innermost call only: linear overall.
 */
function readArgs(text: string, tokens: Token[], partner: Int32Array, open: number, close: number): string[] {
  const args: string[] = [];
  let angle = 0;
  let from = tokens[open]!.end;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i]!.text;
    if ((t === '(' || t === '[' || t === '{') && partner[i]! > i && partner[i]! < close) i = partner[i]!;
    else if (t === '<') angle++;
    else if (t === '>') angle = Math.max(0, angle - 1);
    else if (t === ',' && angle === 0) {
      args.push(text.slice(from, tokens[i]!.start).trim());
      from = tokens[i]!.end;
    }
  }
  const last = text.slice(from, tokens[close]!.start).trim();
  if (last || args.length) args.push(last);
  return args;
}

export function scanCpp(text: string): CppScan {
  const { tokens, problems } = tokenize(text);
  const partner = bracketPartners(tokens);
  const bodies: CppBody[] = [];
  const ivarStructs = new Map<string, { openEnd: number; closeStart: number }>();
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.type === 'ident' && t.text === 'struct' && tokens[i + 1]?.type === 'ident' && tokens[i + 2]?.text === '{' && tokens[i + 1]!.text.endsWith('_IVars')) {
      const close = partner[i + 2]!;
      if (close > 0) ivarStructs.set(tokens[i + 1]!.text.slice(0, -'_IVars'.length), { openEnd: tokens[i + 2]!.end, closeStart: tokens[close]!.start });
      i = close > 0 ? close + 1 : i + 3;
      continue;
    }
    let header: { className: string; method: string; form: 'IMPL' | 'member'; start: number; end: number; after: number } | undefined;
    if (t.type === 'ident' && t.text === 'IMPL' && tokens[i + 1]?.text === '(' && tokens[i + 2]?.type === 'ident' && tokens[i + 3]?.text === ',' && tokens[i + 4]?.type === 'ident' && tokens[i + 5]?.text === ')') {
      header = { className: tokens[i + 2]!.text, method: tokens[i + 4]!.text, form: 'IMPL', start: t.start, end: tokens[i + 5]!.end, after: i + 6 };
    } else if (t.type === 'ident' && tokens[i + 1]?.text === '::' && tokens[i + 2]?.type === 'ident' && tokens[i + 3]?.text === '(' && (i === 0 || tokens[i - 1]!.text !== '::')) {
      const close = partner[i + 3]!;
      if (close > 0) {
        // A definition when a `{` follows (after optional `const`/`override`/`noexcept`).
        let k = close + 1;
        while (tokens[k]?.type === 'ident' && ['const', 'override', 'noexcept', 'final'].includes(tokens[k]!.text)) k++;
        const name = tokens[i + 2]!.text;
        // `C::M_Impl(…)` is what `IMPL(C, M)` expands to: the same dispatched method.
        const impl = name.length > IMPL_SUFFIX.length && name.endsWith(IMPL_SUFFIX);
        if (tokens[k]?.text === '{') {
          header = { className: t.text, method: impl ? name.slice(0, -IMPL_SUFFIX.length) : name, form: impl ? 'IMPL' : 'member', start: t.start, end: tokens[i + 2]!.end, after: k };
        }
      }
    }
    if (!header) {
      i++;
      continue;
    }
    const open = tokens[header.after]?.text === '{' ? header.after : -1;
    if (open < 0) {
      i = header.after;
      continue;
    }
    const close = partner[open]!;
    if (close < 0) {
      problems.push({ start: tokens[open]!.start, end: tokens[open]!.end, message: `The body of ${header.className}::${header.method} is never closed: a '}' is missing.` });
    }
    const end = close < 0 ? tokens.length - 1 : close;
    const body: CppBody = {
      className: header.className,
      method: header.method,
      form: header.form,
      headerStart: header.start,
      headerEnd: header.end,
      bodyStart: tokens[open]!.start,
      bodyEnd: tokens[end]!.end,
      setDispatchQueue: [],
      createQueue: [],
      superdispatch: [],
      calls: new Set(),
    };
    readBody(text, tokens, partner, open + 1, end, body);
    bodies.push(body);
    i = end + 1;
  }
  return { bodies, ivarStructs, problems };
}

function readBody(text: string, tokens: Token[], partner: Int32Array, from: number, to: number, body: CppBody): void {
  // The next `;` after each token of the body, found once from the end: no rescan per call.
  const nextSemi = new Int32Array(Math.max(0, to - from + 1));
  let semiAt = to;
  for (let k = to - 1; k >= from; k--) {
    if (tokens[k]!.text === ';') semiAt = k;
    nextSemi[k - from] = semiAt;
  }
  let statementStart = from;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.text === ';' || t.text === '{' || t.text === '}') {
      statementStart = k + 1;
      continue;
    }
    if (t.type !== 'ident' || tokens[k + 1]?.text !== '(') continue;
    const close = partner[k + 1]!;
    if (close < 0 || close > to) continue;
    const args = readArgs(text, tokens, partner, k + 1, close);
    const semi = close + 1 < to ? nextSemi[close + 1 - from]! : to;
    const first = tokens[k + 2];
    const call: CppCall = {
      callee: t.text,
      start: t.start,
      end: tokens[close]!.end,
      args,
      statementStart: tokens[Math.min(statementStart, k)]!.start,
      statementEnd: semi < to ? tokens[semi]!.end : tokens[close]!.end,
    };
    if (first?.type === 'string' && (tokens[k + 3]?.text === ',' || k + 3 === close)) call.stringArg = { value: first.text, start: first.start, end: first.end };
    const qualifier = tokens[k - 1]?.text === '::' ? tokens[k - 2]?.text : undefined;
    if (t.text === 'SetDispatchQueue') body.setDispatchQueue.push(call);
    else if (t.text === 'Create' && qualifier === 'IODispatchQueue') body.createQueue.push(call);
    else if (args.some((a) => a === 'SUPERDISPATCH')) body.superdispatch.push(call);
    else if (!qualifier || qualifier === body.className || qualifier === 'this') {
      body.calls.add(t.text);
      // iig's CreateActionM(…) makes the OSAction whose handler is the method M.
      if (t.text.length > CREATE_ACTION.length && t.text.startsWith(CREATE_ACTION)) body.calls.add(t.text.slice(CREATE_ACTION.length));
    }
  }
}
