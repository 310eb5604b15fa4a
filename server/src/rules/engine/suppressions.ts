// Suppression comments: `dextlint-disable-next-line id[, id]` and `dextlint-disable-file id`, in
// `<!-- … -->` (plists), `//` or `/* … */` (.iig/.cpp, .xcconfig) and `#` (YAML: XcodeGen specs).
// No ids means every rule.
import type { TreeChange, WorkspaceFile } from '../../workspace/files';

export interface Suppression {
  scope: 'next-line' | 'file';
  /** Line the suppression applies to (next-line scope), 0-based. */
  line: number;
  /** Rule ids with their offsets (for `unknown-rule`); empty = all rules. */
  ids: { id: string; start: number; end: number }[];
}

const MARK = 'dextlint-disable';
const DIRECTIVE = /(<!--|\/\/|\/\*)[ \t]*dextlint-disable-(next-line|file)\b([^\n]*)/g;
/** With `#` comments too: only for files whose comments they are (a `#` in a plist string is text). */
const DIRECTIVE_OR_HASH = /(<!--|\/\/|\/\*|#)[ \t]*dextlint-disable-(next-line|file)\b([^\n]*)/g;

/** A file without suppressions, and the revision of its tree that was found at (see `suppressionsOf`). */
const noneAt = new WeakMap<WorkspaceFile, number>();

/**
 * The suppressions of a file. A text plist found to have none is not searched again while its
 * edits since bring no `dextlint-disable` near them: a keystroke in a 1 MB Info.plist reads the
 * characters around the edit, not the file. `changesSince` lists the tree's changes (the text's
 * edits) after a revision; undefined for files without that log (they are searched whole).
 */
export function suppressionsOf(file: WorkspaceFile, changesSince?: (revision: number) => readonly TreeChange[] | undefined, hashComments = false): Suppression[] {
  const at = noneAt.get(file);
  if (changesSince && at !== undefined) {
    const changes = changesSince(at);
    if (changes && !markNearEdits(file, changes)) {
      noneAt.set(file, file.revision);
      return [];
    }
  }
  const found = findSuppressions(file.text, (offset) => file.document.positionAt(offset).line, hashComments);
  if (changesSince && !found.length) noneAt.set(file, file.revision);
  else noneAt.delete(file);
  return found;
}

/**
 * Whether the text may hold the mark where the edits were: the span of the text they wrote
 * (mapped through the later ones), widened by the mark's length less one, is the only place a
 * mark could have appeared in a text that had none.
 */
function markNearEdits(file: WorkspaceFile, changes: readonly TreeChange[]): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const { edit } of changes) {
    const newEnd = edit.start + edit.newLength;
    const delta = newEnd - edit.end;
    if (lo <= hi) {
      lo = lo < edit.start ? lo : lo >= edit.end ? lo + delta : edit.start;
      hi = hi <= edit.start ? hi : hi >= edit.end ? hi + delta : newEnd;
    }
    lo = Math.min(lo, edit.start);
    hi = Math.max(hi, newEnd);
  }
  if (lo > hi) return false;
  return file.textOf(Math.max(0, lo - MARK.length + 1), hi + MARK.length - 1).includes(MARK);
}

export function findSuppressions(text: string, lineOf: (offset: number) => number, hashComments = false): Suppression[] {
  if (!text.includes(MARK)) return [];
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
