// Editor change events as edits in offsets: what the incremental plist parse needs to know of a
// change. Whole-document changes (what many clients send, and a file re-read from disk) are reduced
// to the one edit they make, the text between the common prefix and suffix of the two versions.
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { PlistEdit } from '../plist/incremental';

/** Characters compared at once while looking for the common prefix and suffix (native comparisons of slices). */
const CHUNK = 256;

/** The length of the common prefix of `a` and `b`. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let p = 0;
  // Whole chunks first: comparing two slices is one native call, where a loop reads one character per step.
  while (p + CHUNK <= max && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  // Then halves of what is left: the longest equal run is found in 8 comparisons, not up to 255 steps.
  for (let size = CHUNK >> 1; size >= 1; size >>= 1) if (p + size <= max && a.slice(p, p + size) === b.slice(p, p + size)) p += size;
  return p;
}

/** The length of the common suffix of `a` and `b` that does not reach into their first `prefix` characters. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix;
  let s = 0;
  while (s + CHUNK <= max && a.slice(a.length - s - CHUNK, a.length - s) === b.slice(b.length - s - CHUNK, b.length - s)) s += CHUNK;
  for (let size = CHUNK >> 1; size >= 1; size >>= 1) {
    if (s + size <= max && a.slice(a.length - s - size, a.length - s) === b.slice(b.length - s - size, b.length - s)) s += size;
  }
  return s;
}

const isCrLfAt = (text: string, offset: number) => text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10;

/**
 * The edit a change makes to `document` (not yet applied), and the change as a range change, which
 * updates the document's line index where the edit is instead of indexing the whole text again.
 */
export function textEdit(document: TextDocument, change: TextDocumentContentChangeEvent): { edit: PlistEdit; incremental: TextDocumentContentChangeEvent } {
  if ('range' in change) {
    let start = document.offsetAt(change.range.start);
    let end = document.offsetAt(change.range.end);
    if (end < start) [start, end] = [end, start];
    return { edit: { start, end, newLength: change.text.length }, incremental: change };
  }
  const before = document.getText();
  const after = change.text;
  let start = commonPrefix(before, after);
  let end = before.length - commonSuffix(before, after, start);
  // A position between the two characters of a CRLF has no line and column (the document would
  // place it before the CR): move the edit's ends out of such pairs.
  if (isCrLfAt(before, start)) start--;
  if (isCrLfAt(before, end)) end++;
  const newEnd = after.length - (before.length - end);
  return {
    edit: { start, end, newLength: newEnd - start },
    incremental: { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: after.slice(start, newEnd) },
  };
}

/** One edit doing what `first` then `second` do (`second` in offsets of the text after `first`). */
export function composeEdits(first: PlistEdit, second: PlistEdit): PlistEdit {
  const firstNewEnd = first.start + first.newLength;
  const unionEnd = Math.max(firstNewEnd, second.end);
  const start = Math.min(first.start, second.start);
  const end = first.end + (unionEnd - firstNewEnd);
  const newEnd = unionEnd + second.newLength - (second.end - second.start);
  return { start, end, newLength: newEnd - start };
}
