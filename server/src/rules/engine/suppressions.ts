// Suppression comments: `dextlint-disable-next-line id[, id]` and `dextlint-disable-file id`, in
// `<!-- … -->` (plists), `//` or `/* … */` (.iig/.cpp, .xcconfig) and `#` (YAML: XcodeGen specs).
// No ids means every rule.

export interface Suppression {
  scope: 'next-line' | 'file';
  /** Line the suppression applies to (next-line scope), 0-based. */
  line: number;
  /** Rule ids with their offsets (for `unknown-rule`); empty = all rules. */
  ids: { id: string; start: number; end: number }[];
}

const DIRECTIVE = /(<!--|\/\/|\/\*)[ \t]*dextlint-disable-(next-line|file)\b([^\n]*)/g;
/** With `#` comments too: only for files whose comments they are (a `#` in a plist string is text). */
const DIRECTIVE_OR_HASH = /(<!--|\/\/|\/\*|#)[ \t]*dextlint-disable-(next-line|file)\b([^\n]*)/g;

export function findSuppressions(text: string, lineOf: (offset: number) => number, hashComments = false): Suppression[] {
  if (!text.includes('dextlint-disable')) return [];
  const out: Suppression[] = [];
  const directive = hashComments ? DIRECTIVE_OR_HASH : DIRECTIVE;
  directive.lastIndex = 0;
  for (let m = directive.exec(text); m; m = directive.exec(text)) {
    const opener = m[1]!;
    let rest = m[3]!;
    const closer = opener === '<!--' ? '-->' : opener === '/*' ? '*/' : undefined;
    let endOfDirective = m.index + m[0].length;
    if (closer) {
      const cut = rest.indexOf(closer);
      if (cut >= 0) {
        endOfDirective = m.index + m[0].length - rest.length + cut + closer.length;
        rest = rest.slice(0, cut);
      }
    }
    const restStart = m.index + m[0].length - m[3]!.length;
    const ids: Suppression['ids'] = [];
    const idPattern = /[A-Za-z0-9_-]+/g;
    // Text after ` -- ` is a free-form reason, as in ESLint.
    const reason = rest.indexOf('--');
    const list = reason >= 0 ? rest.slice(0, reason) : rest;
    for (let id = idPattern.exec(list); id; id = idPattern.exec(list)) {
      ids.push({ id: id[0], start: restStart + id.index, end: restStart + id.index + id[0].length });
    }
    const scope = m[2] === 'file' ? 'file' : 'next-line';
    out.push({ scope, line: lineOf(endOfDirective) + 1, ids });
  }
  return out;
}

export function isSuppressed(suppressions: Suppression[], code: string, line: number): boolean {
  return suppressions.some(
    (s) => (s.scope === 'file' || s.line === line) && (s.ids.length === 0 || s.ids.some((i) => i.id === code)),
  );
}
