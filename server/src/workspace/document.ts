// A document whose text is kept in chunks. A JavaScript string cannot be edited in place: the
// library's document (vscode-languageserver-textdocument) makes `before + inserted + after` on
// every edit, and its first read copies the whole text into a new string; for a 1.25 MB Info.plist
// that copy, in fresh memory, was most of a keystroke (5-7 ms on the benchmark machine, page
// faults more than the copy itself). Here an edit rebuilds the chunk it falls in, the whole text
// is joined only when something asks for it (a rule's fix, a feature), and the keystroke's own
// reads (the element re-read, the edit's neighbourhood) take slices. Positions and offsets follow
// the library's rules exactly (line breaks `\n`, `\r\n` and `\r`; `offsetAt` clamps to the line;
// `positionAt` never lands between a CR and its LF): its algorithms are ported here (MIT, Copyright
// Microsoft Corporation), and a property test compares both after random edits.
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** Characters per chunk: an edit copies about this much (a few microseconds), and a file of N MB has 64·N chunks. */
const CHUNK = 16 * 1024;

const isEol = (c: number) => c === 13 || c === 10;

/** The offsets of the line starts in `text` (after each `\n`, `\r\n` or lone `\r`), shifted by `base`. */
function lineStartsIn(text: string, atLineStart: boolean, base = 0): number[] {
  const out = atLineStart ? [base] : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isEol(c)) continue;
    if (c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
    out.push(base + i + 1);
  }
  return out;
}

export class ChunkedDocument implements TextDocument {
  /** The text in chunks, once it was edited (empty until then: `whole` holds it). */
  private chunks: string[] = [];
  /** The offset of each chunk's first character. */
  private starts: number[] = [];
  private size = 0;
  /** The whole text: as it came, or joined from the chunks when asked (until the next edit). */
  private whole: string | undefined;
  private lineOffsets: number[] | undefined;
  /** How many CR LF pairs the text holds, once counted (kept up to date by edits from then on). */
  private crlfPairs: number | undefined;

  /** `chunkSize`: characters per chunk (tests make it small, to edit across chunks). */
  constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    text: string,
    private readonly chunkSize = CHUNK,
  ) {
    this.setText(text);
  }

  get version(): number {
    return this._version;
  }

  get length(): number {
    return this.size;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  getText(range?: Range): string {
    if (range) return this.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    if (this.whole === undefined) this.whole = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
    return this.whole;
  }

  /** The text of [start, end) (clamped), read from the chunks it spans. */
  slice(start: number, end: number): string {
    start = Math.max(0, Math.min(start, this.size));
    end = Math.max(start, Math.min(end, this.size));
    if (this.whole !== undefined) return this.whole.slice(start, end);
    let i = this.chunkAt(start);
    const from = start - this.starts[i]!;
    const chunk = this.chunks[i]!;
    if (end - this.starts[i]! <= chunk.length) return chunk.slice(from, end - this.starts[i]!);
    let out = chunk.slice(from);
    for (i++; i < this.chunks.length && this.starts[i]! < end; i++) out += this.chunks[i]!.slice(0, end - this.starts[i]!);
    return out;
  }

  /** The character code at `offset` (NaN outside the text, as `String.charCodeAt`). */
  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.size) return NaN;
    if (this.whole !== undefined) return this.whole.charCodeAt(offset);
    const i = this.chunkAt(offset);
    return this.chunks[i]!.charCodeAt(offset - this.starts[i]!);
  }

  /** Whether the text holds a CR LF pair (fixes write the file's own line ending): counted once, then kept by the edits. */
  hasCrLf(): boolean {
    this.crlfPairs ??= pairsIn(this.getText());
    return this.crlfPairs > 0;
  }

  /** Applies change events (the library's `TextDocument.update`). */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        const range = wellFormed(change.range);
        const start = this.offsetAt(range.start);
        const end = this.offsetAt(range.end);
        this.edit(start, end, change.text, Math.max(range.start.line, 0), Math.max(range.end.line, 0));
      } else {
        this.setText(change.text);
        this.lineOffsets = undefined;
      }
    }
    this._version = version;
  }

  /**
   * Takes `text` as the new content, when it is the old one with [start, end) replaced by its
   * [start, start + newLength): the line index is updated there, not made again for the whole
   * text, and `text` is kept as it came (no copy).
   */
  replace(text: string, start: number, end: number, newLength: number, version: number): void {
    const startLine = this.lineOffsets && this.positionAt(start).line;
    const endLine = this.lineOffsets && this.positionAt(end).line;
    const pairsBefore = this.crlfPairs === undefined ? undefined : this.crlfPairs - pairsIn(this.slice(start - 1, end + 1));
    this.setText(text);
    if (pairsBefore !== undefined) this.crlfPairs = pairsBefore + pairsIn(text.slice(Math.max(0, start - 1), start + newLength + 1));
    if (startLine !== undefined && endLine !== undefined) this.updateLineOffsets(start, end, text.slice(start, start + newLength), startLine, endLine);
    this._version = version;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.size), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.beforeEol(offset, lineOffsets[line]!);
    return { line, character: offset - lineOffsets[line]! };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.size;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line]!;
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1]! : this.size;
    return this.beforeEol(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: this.size - lineOffsets[lastLine]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line]!;
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.size;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(nextLineOffset, startOffset) - startOffset } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.size;
    return this.slice(this.beforeEol(nextLineOffset, lineOffsets[line]!), nextLineOffset);
  }

  private getLineOffsets(): number[] {
    return (this.lineOffsets ??= lineStartsIn(this.getText(), true));
  }

  private beforeEol(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEol(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  private setText(text: string): void {
    this.whole = text;
    this.crlfPairs = undefined;
    this.size = text.length;
    // Cut into chunks at the first edit: a file read and never edited (most of a workspace) keeps its text alone.
    this.chunks = [];
    this.starts = [];
  }

  /** The chunks of the whole text: slices of it, which share its characters (no copy). */
  private cut(text: string): void {
    for (let at = 0; at < text.length || this.chunks.length === 0; at += this.chunkSize) {
      this.chunks.push(text.slice(at, at + this.chunkSize));
      this.starts.push(at);
    }
  }

  /** The index of the chunk holding `offset` (the last chunk for the end of the text). */
  private chunkAt(offset: number): number {
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Replaces [start, end) by `text`, rebuilding the chunks it spans only. */
  private edit(start: number, end: number, text: string, startLine: number, endLine: number): void {
    // The pairs around the edit, before and after it: a pair elsewhere is neither made nor parted.
    const pairsBefore = this.crlfPairs === undefined ? undefined : this.crlfPairs - pairsIn(this.slice(start - 1, end + 1));
    if (!this.chunks.length) this.cut(this.whole!);
    const first = this.chunkAt(start);
    const last = end > start ? this.chunkAt(end - 1) : first;
    const merged = this.chunks[first]!.slice(0, start - this.starts[first]!) + text + this.chunks[last]!.slice(end - this.starts[last]!);
    const pieces: string[] = [];
    for (let at = 0; at < merged.length; at += this.chunkSize) pieces.push(merged.slice(at, at + this.chunkSize));
    // An emptied chunk goes, unless it is the only one.
    if (!pieces.length && this.chunks.length === last - first + 1) pieces.push('');
    this.chunks.splice(first, last - first + 1, ...pieces);
    this.starts.length = this.chunks.length;
    for (let i = first, at = first > 0 ? this.starts[first - 1]! + this.chunks[first - 1]!.length : 0; i < this.chunks.length; i++) {
      this.starts[i] = at;
      at += this.chunks[i]!.length;
    }
    this.size += text.length - (end - start);
    this.whole = undefined;
    if (pairsBefore !== undefined) this.crlfPairs = pairsBefore + pairsIn(this.slice(start - 1, start + text.length + 1));
    if (this.lineOffsets) this.updateLineOffsets(start, end, text, startLine, endLine);
  }

  /** The line index after [start, end) (lines `startLine` to `endLine`) became `text` (the library's update). */
  private updateLineOffsets(start: number, end: number, text: string, startLine: number, endLine: number): void {
    const insertedEnd = start + text.length;
    // A CR and an LF brought together or parted by the edit: the line index is made again.
    if ((this.charCodeAt(start - 1) === 13 && this.charCodeAt(start) === 10) || (this.charCodeAt(insertedEnd - 1) === 13 && this.charCodeAt(insertedEnd) === 10)) {
      this.lineOffsets = undefined;
      return;
    }
    let lineOffsets = this.lineOffsets!;
    const added = lineStartsIn(text, false, start);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i]!;
    } else if (added.length < 10000) {
      lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
    } else {
      this.lineOffsets = lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
    }
    const delta = text.length - (end - start);
    if (delta !== 0) for (let i = startLine + 1 + added.length; i < lineOffsets.length; i++) lineOffsets[i] = lineOffsets[i]! + delta;
  }
}

/** The CR LF pairs of `text`. */
function pairsIn(text: string): number {
  let pairs = 0;
  for (let at = text.indexOf('\r\n'); at >= 0; at = text.indexOf('\r\n', at + 2)) pairs++;
  return pairs;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
