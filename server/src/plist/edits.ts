// Minimal text edits on plists, shared by every quick fix: remove an entry, insert an entry at the
// file's own indentation, replace a value. Never re-serialise: the user's text outside the edit
// stays byte for byte.
import type { PlistDict, PlistEntry, PlistNode, Span } from './types';
import type { OffsetEdit } from '../types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Characters by offset: a string is one, and so is the workspace's chunked document (read without joining its text). */
export interface TextReader {
  readonly length: number;
  charCodeAt(offset: number): number;
  slice(start: number, end: number): string;
}

/**
 * What the edits read of a file (the workspace's files are one): its text, read where an edit
 * goes (a fix in a 1 MB Info.plist reads its own lines, not the file), its lines, whether it has
 * a CRLF, a cache per version.
 */
export interface PlistTextFile {
  readonly document: TextDocument & TextReader & { hasCrLf(): boolean };
  parsed<T>(key: string, compute: (file: PlistTextFile) => T): T;
}

// Every helper here is called once per fix, and a validation can offer thousands of fixes: none
// may scan a whole line, which in a minified plist is the whole file.

const isIndent = (c: number) => c === 32 || c === 9;
const isBlank = (c: number) => isIndent(c) || c === 13;

/** The whitespace that starts the line holding `offset` (the line found by the document's index). */
export function indentAt(file: PlistTextFile, offset: number): string {
  const document = file.document;
  const start = document.offsetAt({ line: document.positionAt(offset).line, character: 0 });
  let i = start;
  while (i < document.length && isIndent(document.charCodeAt(i))) i++;
  return document.slice(start, i);
}

/** The start of the line holding `offset` if only blanks precede `offset` on it, else -1. */
function blankLineStart(text: TextReader, offset: number): number {
  for (let i = offset; i > 0; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 10) return i;
    if (!isBlank(c)) return -1;
  }
  return 0;
}

/** The end of the line holding `offset` (its `\n`, or the end) if only blanks follow `offset`, else -1. */
function blankLineEnd(text: TextReader, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i;
    if (!isBlank(c)) return -1;
  }
  return text.length;
}

export interface TextLayout {
  /** The indentation unit: a tab when lines start with tabs, else the smallest space step (default 4). */
  unit: string;
  /** The line ending: CRLF when the file has any, else LF. */
  newline: string;
}

/**
 * The file's layout, computed once per version: every fix of a validation asks for it, and a
 * large Info.plist can offer one fix per personality (a scan per fix would be quadratic).
 */
export function layoutOf(file: PlistTextFile): TextLayout {
  return file.parsed('text-layout', (f) => ({ unit: scanIndentUnit(f.document), newline: f.document.hasCrLf() ? '\r\n' : '\n' }));
}

function scanIndentUnit(document: TextReader): string {
  // Lines that start with blanks and then `<`; the first 64 of them tell. They are read from a
  // prefix of the text, longer each time it ends before them (a few KB, mostly).
  for (let length = 16 * 1024; ; length *= 2) {
    const unit = indentUnitIn(document.slice(0, length), length < document.length);
    if (unit !== undefined) return unit;
  }
}

/** The indentation unit the lines of `text` show; undefined when `text` is a prefix that ends before 64 such lines are read. */
function indentUnitIn(text: string, prefix: boolean): string | undefined {
  let tabs = 0;
  let smallest = Infinity;
  let seen = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && seen < 64; nl = text.indexOf('\n', nl + 1)) {
    let i = nl + 1;
    while (isIndent(text.charCodeAt(i))) i++;
    // The line goes on past the prefix: what follows its blanks is not known yet.
    if (prefix && i >= text.length) return undefined;
    if (i === nl + 1 || text.charCodeAt(i) !== 60) continue;
    seen++;
    if (text.charCodeAt(nl + 1) === 9) tabs++;
    else smallest = Math.min(smallest, i - nl - 1);
  }
  if (prefix && seen < 64) return undefined;
  if (tabs > 0 && (smallest === Infinity || tabs > 2)) return '\t';
  return ' '.repeat(smallest === Infinity ? 4 : Math.min(smallest, 8));
}

/**
 * Widens a span to whole lines when nothing but whitespace shares those lines with it, so that
 * removing it leaves no blank line behind.
 */
export function wholeLines(text: TextReader, span: Span): Span {
  // Both scans stop at the first character that is not blank: a few steps, whatever the line.
  const ls = blankLineStart(text, span.start);
  const le = ls < 0 ? -1 : blankLineEnd(text, span.end);
  if (ls >= 0 && le >= 0) return { start: ls, end: le < text.length ? le + 1 : le };
  return span;
}

/** Removes a dict entry (key and value). */
export function removeEntryEdit(text: TextReader, entry: PlistEntry): OffsetEdit {
  const span = wholeLines(text, { start: entry.start, end: entry.end });
  return { start: span.start, end: span.end, newText: '' };
}

/** Removes an array item or any node. */
export function removeNodeEdit(text: TextReader, node: PlistNode): OffsetEdit {
  const span = wholeLines(text, node);
  return { start: span.start, end: span.end, newText: '' };
}

/** Replaces a whole node (`<string>x</string>` → `<integer>1</integer>`). */
export function replaceNodeEdit(node: Span, xml: string): OffsetEdit {
  return { start: node.start, end: node.end, newText: xml };
}

/** Re-indents a multi-line XML fragment: its lines after the first get `indent` prepended. */
export function indentFragment(xml: string, indent: string, newline: string, unit: string): string {
  return xml
    .split('\n')
    .map((line, i) => (i === 0 ? line : indent + line.replace(/^( {4}|\t)+/, (m) => unit.repeat(m.length / (m[0] === '\t' ? 1 : 4)))))
    .join(newline);
}

/**
 * Inserts `<key>key</key>` + `valueXml` as the last entry of `dict`, at the indentation the file
 * already uses. `valueXml` is written with 4-space indentation for nested lines; it is re-indented.
 */
export function insertEntryEdit(file: PlistTextFile, dict: PlistDict, key: string, valueXml: string): OffsetEdit {
  const text = file.document;
  const { unit, newline } = layoutOf(file);
  const dictIndent = indentAt(file, dict.start);
  const first = dict.entries[0];
  const entryIndent = first ? indentAt(file, first.keySpan.start) : dictIndent + unit;
  const entryXml = `<key>${escapeXml(key)}</key>${newline}${entryIndent}${indentFragment(valueXml, entryIndent, newline, unit)}`;
  const last = dict.entries[dict.entries.length - 1];
  if (last) {
    const anchor = last.value ? last.value.end : last.keySpan.end;
    return { start: anchor, end: anchor, newText: `${newline}${entryIndent}${entryXml}` };
  }
  if (dict.inner.start === dict.inner.end && text.slice(dict.start, dict.end).endsWith('/>')) {
    // `<dict/>`
    return { start: dict.start, end: dict.end, newText: `<dict>${newline}${entryIndent}${entryXml}${newline}${dictIndent}</dict>` };
  }
  // `<dict>` … `</dict>` with no entries: replace the inside.
  return { start: dict.inner.start, end: dict.inner.end, newText: `${newline}${entryIndent}${entryXml}${newline}${dictIndent}` };
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
