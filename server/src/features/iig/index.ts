// Editor features of .iig and .cpp files: QUEUENAME ↔ SetDispatchQueue navigation, IMPL → its
// declaration, class names → their .iig, hovers on QUEUENAME, SUPERDISPATCH and LOCALONLY, and
// an outline of classes and methods with their queues.
import { tokenize, type Token } from '../../iig/tokens';
import { dextCodeOf, registrationsOf, sdkQueue, type DextCode } from '../../dext/queues';
import { iigScanOf } from '../../workspace/classes';
import type { WorkspaceFile } from '../../workspace/files';
import type { DocumentSymbol, FeatureContribution, HoverResult, Location, PositionContext } from '../types';

function tokensOf(file: WorkspaceFile): Token[] {
  return file.parsed('tokens', (f) => tokenize(f.text).tokens);
}

/** The token under the offset (binary search over the sorted tokens). */
function tokenAt(file: WorkspaceFile, offset: number): { token: Token; index: number } | undefined {
  const tokens = tokensOf(file);
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    if (offset < t.start) hi = mid - 1;
    else if (offset > t.end) lo = mid + 1;
    else return { token: t, index: mid };
  }
  return undefined;
}

const lineOf = (file: WorkspaceFile, offset: number) => file.document.positionAt(offset).line + 1;
const fileName = (file: WorkspaceFile) => file.path.slice(file.path.lastIndexOf('/') + 1);

/** What the cursor is on, in terms the features share. */
type Target =
  | { kind: 'queue'; name: string; className?: string }
  | { kind: 'method'; className: string; method: string }
  | { kind: 'class'; name: string }
  | { kind: 'keyword'; name: 'SUPERDISPATCH' | 'LOCALONLY' | 'QUEUENAME' };

function targetAt({ file, offset }: PositionContext): { target: Target; start: number; end: number } | undefined {
  const at = tokenAt(file, offset);
  if (!at) return undefined;
  const tokens = tokensOf(file);
  const { token, index } = at;
  const prev = (k: number) => tokens[index - k];
  const next = (k: number) => tokens[index + k];
  if (file.nameKind === 'iig') {
    for (const cls of iigScanOf(file).classes) {
      for (const m of cls.methods) {
        const q = m.annotations.find((a) => a.name === 'QUEUENAME');
        if (q && offset >= q.start && offset <= q.end && m.queueName !== undefined) return { target: { kind: 'queue', name: m.queueName, className: cls.name }, start: q.start, end: q.end };
      }
    }
  }
  if (token.type === 'string' && prev(1)?.text === '(' && prev(2)?.text === 'SetDispatchQueue') {
    return { target: { kind: 'queue', name: token.text }, start: token.start, end: token.end };
  }
  if (token.type !== 'ident') return undefined;
  if (token.text === 'SUPERDISPATCH' || token.text === 'LOCALONLY') return { target: { kind: 'keyword', name: token.text }, start: token.start, end: token.end };
  // IMPL(C, M): on C → the class, on M → the method.
  if (prev(1)?.text === '(' && prev(2)?.text === 'IMPL' && next(1)?.text === ',' && next(2)) return { target: { kind: 'class', name: token.text }, start: token.start, end: token.end };
  if (prev(1)?.text === ',' && prev(2)?.type === 'ident' && prev(3)?.text === '(' && prev(4)?.text === 'IMPL') {
    return { target: { kind: 'method', className: prev(2)!.text, method: token.text }, start: token.start, end: token.end };
  }
  if (next(1)?.text === '::' && next(2)?.type === 'ident') return { target: { kind: 'class', name: token.text }, start: token.start, end: token.end };
  if (prev(1)?.text === '::' && prev(2)?.type === 'ident') return { target: { kind: 'method', className: prev(2)!.text, method: token.text }, start: token.start, end: token.end };
  if (prev(1)?.text === 'public' || prev(1)?.text === 'class') return { target: { kind: 'class', name: token.text }, start: token.start, end: token.end };
  return undefined;
}

function queueAnnotations(code: DextCode, name: string): Location[] {
  return code.classes.flatMap((c) =>
    c.methods.flatMap((m) => m.annotations.filter((a) => a.name === 'QUEUENAME' && a.arg === name).map((a) => ({ uri: c.file.uri, start: a.start, end: a.end }))),
  );
}

function queueRegistrations(code: DextCode, name: string): Location[] {
  return code.bodies.flatMap((b) => b.setDispatchQueue.filter((c) => c.stringArg?.value === name).map((c) => ({ uri: b.file.uri, start: c.stringArg!.start, end: c.stringArg!.end })));
}

const KEYWORD_DOCS: Record<string, string> = {
  SUPERDISPATCH:
    '**SUPERDISPATCH** — calls the superclass’s implementation of a dispatched method (`Start(provider, SUPERDISPATCH)`). `Start` calls it early and `Stop` last; `SetPowerState` calls it once the dext is ready to acknowledge the power change. Not for a `LOCALONLY` method: call `super::Method(…)` there (Apple’s LOCALONLY page).',
  LOCALONLY:
    '**LOCALONLY** — on a method (or on a class: every method of it), one that cannot be called remotely by the kernel or other processes: the dext calls it directly in its own process. Its superclass is called with `super::Method(…)`, never `SUPERDISPATCH`. A `QUEUENAME` on it names the queue the framework uses when the framework invokes it (Apple declares `IOUserClient::ExternalMethod` `LOCALONLY QUEUENAME(IOUserClientQueueExternalMethod)`); your own calls run on the caller’s queue.',
};

export const iigFeatures: FeatureContribution = {
  name: 'iig',
  appliesTo: ['iig', 'cpp'],

  hover(context) {
    const found = targetAt(context);
    if (!found) return undefined;
    const { target, start, end } = found;
    if (target.kind === 'keyword') return { contents: KEYWORD_DOCS[target.name]!, start, end };
    if (target.kind !== 'queue') return undefined;
    const code = dextCodeOf(context.workspace, context.file);
    const lines = [`**Queue \`${target.name}\`**`];
    if (target.name === 'Default') lines.push('The default queue of every service (`kIOServiceDefaultQueueName`).');
    else if (sdkQueue(target.name)) lines.push(sdkQueue(target.name)!.note);
    if (code && target.className) {
      const cls = code.classes.find((c) => c.name === target.className);
      const methods = [...new Set(cls?.methods.filter((m) => m.queueName === target.name).map((m) => `\`${m.name}\``))];
      if (methods.length) lines.push(`Messages of ${target.className} ${methods.join(', ')} arrive on the queue registered under this name.`);
      const registrations = registrationsOf(code, target.className).filter((r) => r.stringArg?.value === target.name);
      if (registrations.length) {
        for (const r of registrations) lines.push(`Registered in ${target.className}::${r.body.method} (${fileName(r.file)}:${lineOf(r.file, r.start)}).`);
      } else if (sdkQueue(target.name)?.optional) {
        lines.push(`Not registered: registration is optional for this SDK queue; without it these methods run on the object’s default queue.`);
      } else if (code.hasImplementation) {
        lines.push(`**Never registered**: no \`SetDispatchQueue("${target.name}", …)\` in ${target.className}, so messages for these methods are not delivered on this queue (the default queue is used).`);
      }
    } else if (code) {
      const annotated = queueAnnotations(code, target.name);
      lines.push(annotated.length ? `Named by ${annotated.length} QUEUENAME annotation(s) of this dext.` : 'No method of this dext is marked with this QUEUENAME.');
    }
    const result: HoverResult = { contents: lines.join('\n\n'), start, end };
    return result;
  },

  definition(context) {
    const found = targetAt(context);
    const code = dextCodeOf(context.workspace, context.file);
    if (!found || !code) return [];
    const { target } = found;
    if (target.kind === 'queue') return context.file.nameKind === 'iig' ? queueRegistrations(code, target.name) : queueAnnotations(code, target.name);
    if (target.kind === 'class') {
      const cls = code.classes.find((c) => c.name === target.name);
      return cls ? [{ uri: cls.file.uri, start: cls.nameStart, end: cls.nameEnd }] : [];
    }
    if (target.kind === 'method') {
      const cls = code.classes.find((c) => c.name === target.className);
      const method = cls?.methods.find((m) => m.name === target.method);
      return cls && method ? [{ uri: cls.file.uri, start: method.nameStart, end: method.nameEnd }] : [];
    }
    return [];
  },

  references(context) {
    const found = targetAt(context);
    const code = dextCodeOf(context.workspace, context.file);
    if (!found || !code || found.target.kind !== 'queue') return [];
    return [...queueAnnotations(code, found.target.name), ...queueRegistrations(code, found.target.name)];
  },

  documentSymbols({ file }) {
    if (file.nameKind !== 'iig') return [];
    return iigScanOf(file).classes.map(
      (cls): DocumentSymbol => ({
        name: cls.name,
        detail: cls.superclass ? `: ${cls.superclass}` : undefined,
        kind: 'class',
        start: cls.start,
        end: cls.end,
        selectionStart: cls.nameStart,
        selectionEnd: cls.nameEnd,
        children: cls.methods.map((m) => ({
          name: m.name,
          detail: m.localOnly ? 'LOCALONLY' : m.queueName !== undefined ? `queue ${m.queueName}` : 'Default queue',
          kind: 'method',
          start: m.start,
          end: m.end,
          selectionStart: m.nameStart,
          selectionEnd: m.nameEnd,
        })),
      }),
    );
  },
};
