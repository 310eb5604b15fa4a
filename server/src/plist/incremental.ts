// Incremental re-parsing: after an edit, only the smallest element whose content holds the edit is
// read again, and the new element replaces the old one in the tree; every other node is kept (a
// keystroke in a 1 MB Info.plist allocates a few nodes instead of a 1 MB tree, and the old tree is
// not left for the garbage collector). The result is the tree a full parse of the new text gives,
// nodes, spans, problems and comments alike (the differential property test checks exactly that);
// when that cannot be guaranteed the text is parsed whole.
//
// Why a re-read element equals the full parse's: the text before the element is unchanged, and no
// read before it looks past its open tag (which the edit leaves alone, being inside the content);
// the element is read with its enclosing elements open on the stack (`parseElementAt`), so every
// decision that looks down the stack is the same; and it must end where the old one ended, shifted
// by the edit, so the text after it is read in the same state as before. Its problems replace the
// old element's, which are the problems lying inside its span (problems are pushed in reading
// order, so they form one run); any other problem touching the element makes us parse whole.
//
// Offsets after the element are shifted in place: one pass over the nodes after the edit that adds
// a number to their fields and allocates nothing (0.3 ms for the second half of a 1 MB tree). A
// lazy shift would need an accessor on every offset read by rules and features, the hottest reads
// of the server; the eager shift costs less than one such accessor would on a single validation.
import { scalarNode } from './nodes';
import { isCloseTagAt, parseElementAt, parsePlist, type EnclosingTypes } from './parser';
import { INVALID, scalarValue } from './scalars';
import type { PlistArray, PlistComment, PlistDict, PlistDocument, PlistEntry, PlistNode, PlistProblem, PlistScalar } from './types';

/** A change of the text: [start, end) of the old text was replaced by `newLength` characters. */
export interface PlistEdit {
  start: number;
  end: number;
  newLength: number;
}

/**
 * The new text, read where a splice needs it: a document kept in chunks (workspace/document.ts)
 * makes its whole text only when the re-parse falls back to parsing it whole.
 */
export interface TextSource {
  slice(start: number, end: number): string;
  readonly whole: string;
}

const sourceOf = (text: string): TextSource => ({ slice: (start, end) => text.slice(start, end), whole: text });

/** How a re-parse went: an element re-read, a key's text replaced, nothing to do, or the whole text parsed. */
export type ReparseOutcome = 'element' | 'key' | 'unchanged' | 'full';

export interface Reparsed {
  document: PlistDocument;
  outcome: ReparseOutcome;
  /**
   * The key of the root dict's entry whose value holds everything that changed (keys, values,
   * problems, comments): what is outside that value is the same but for offsets. Undefined when
   * the change may reach anything (a whole parse, an edited root key).
   */
  withinRootKey?: string;
  /** Offsets of the old tree at or after this one moved by `delta`; those before it did not move. */
  shiftFrom: number;
  delta: number;
  /** Where in the tree an element or key splice changed it (undefined for the other outcomes). */
  splice?: TreeSplice;
}

/** One level of a splice's path: a container and the child the change is under (with its entry, in a dict). */
export interface PathStep {
  container: PlistDict | PlistArray;
  index: number;
  entry?: PlistEntry;
}

/**
 * What a splice changed, for the caches kept on the tree (validation's per-part reports, model
 * facts): everything else is the same nodes, only shifted. The containers on the path hold the
 * change; the element read again replaced a node whose subtree is detached (its `owner` is
 * cleared, see `isAttached`).
 */
export interface TreeSplice {
  /** From the root down to the container holding the change, with the child taken in each. */
  path: readonly PathStep[];
  /** The element read again, now in the tree; undefined when a key's text was replaced. */
  added?: PlistNode;
  /** The entry whose key's text was replaced (in the last container of the path). */
  keyEdited?: PlistEntry;
  /** Whether the parser's problems may have changed (beyond their offsets). */
  problems: boolean;
}

/**
 * Whether `node` is still in the tree of `root`: a node replaced by a splice has no owner, and
 * neither has anything under it an owner chain up to `root`.
 */
export function isAttached(node: PlistNode, root: PlistNode | undefined): boolean {
  let at: PlistNode = node;
  for (;;) {
    const owner = at.owner;
    if (owner === undefined) return at === root;
    at = 'dict' in owner ? owner.dict : owner;
  }
}

type Container = PlistDict | PlistArray;

/**
 * The document of `text`, which is the text `previous` was parsed from with `edit` applied.
 * `previous` is consumed: its nodes are reused, shifted in place, by the result.
 */
export function reparsePlist(previous: PlistDocument, text: string | TextSource, edit: PlistEdit): Reparsed {
  const source = typeof text === 'string' ? sourceOf(text) : text;
  const delta = edit.newLength - (edit.end - edit.start);
  const reparsed = previous.binary ? undefined : spliced(previous, source, edit, delta);
  return reparsed ?? { document: parsePlist(source.whole), outcome: 'full', shiftFrom: edit.start, delta };
}

/** Whether the edit lies in the content of `node` (between its tags, which it must both have). */
function inContent(node: PlistNode, edit: PlistEdit): boolean {
  return node.innerEnd < node.end && edit.start >= node.innerStart && edit.end <= node.innerEnd;
}

/** The last index of `list` whose item starts at or before `offset` (-1 when none): items are in text order. */
function lastStartingAtOrBefore(list: readonly { start: number }[], offset: number): number {
  let low = 0;
  let high = list.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (list[mid]!.start <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

// The descent's path, kept between calls (no allocation per keystroke): the containers from the
// root down to the one holding the re-read element, and the index of the child taken in each.
const pathContainers: Container[] = [];
const pathIndexes: number[] = [];

/** The descent's path as the change log keeps it. */
function pathSteps(): PathStep[] {
  const steps: PathStep[] = [];
  for (let level = 0; level < pathContainers.length; level++) {
    const container = pathContainers[level]!;
    const index = pathIndexes[level]!;
    steps.push(container.kind === 'dict' ? { container, index, entry: container.entries[index] } : { container, index });
  }
  return steps;
}

function spliced(previous: PlistDocument, text: TextSource, edit: PlistEdit, delta: number): Reparsed | undefined {
  if (edit.start === edit.end && delta === 0) {
    return { document: copyOf(previous, previous.problems, previous.comments), outcome: 'unchanged', shiftFrom: edit.start, delta };
  }
  const root = previous.root;
  if (!root || !inContent(root, edit)) return undefined;
  pathContainers.length = 0;
  pathIndexes.length = 0;
  // Down to the innermost element whose content holds the edit; the root itself is parsed whole.
  let node: PlistNode = root;
  let keyEdited: PlistEntry | undefined;
  for (;;) {
    let child: PlistNode | undefined;
    let index = -1;
    if (node.kind === 'dict') {
      index = lastStartingAtOrBefore(node.entries, edit.start);
      const entry = node.entries[index];
      if (entry && edit.start >= entry.keyInnerStart && edit.end <= entry.keyInnerEnd && entry.keyInnerEnd < entry.keyEnd) {
        pathContainers.push(node);
        pathIndexes.push(index);
        keyEdited = entry;
        break;
      }
      child = entry?.value;
    } else if (node.kind === 'array') {
      index = lastStartingAtOrBefore(node.items, edit.start);
      child = node.items[index];
    }
    if (child === undefined || !inContent(child, edit)) break;
    pathContainers.push(node as Container);
    pathIndexes.push(index);
    node = child;
  }
  if (!keyEdited && node === root) return undefined;
  const within = withinRootKeyOf(root, keyEdited !== undefined);
  if (keyEdited) {
    const shiftFrom = keyEdited.keyInnerEnd;
    const path = pathSteps();
    const document = splicedKey(previous, text, keyEdited, delta);
    return document && { document, outcome: 'key', withinRootKey: within, shiftFrom, delta, splice: { path, keyEdited, problems: false } };
  }
  const shiftFrom = node.end;
  const path = pathSteps();
  const read = splicedElement(previous, text, node, delta);
  return read && { document: read.document, outcome: 'element', withinRootKey: within, shiftFrom, delta, splice: { path, added: read.added, problems: read.problems } };
}

/** The root entry on the descent's path, when the change is inside its value (not its key). */
function withinRootKeyOf(root: PlistNode, keyEdited: boolean): string | undefined {
  if (root.kind !== 'dict' || (keyEdited && pathContainers.length === 1)) return undefined;
  return root.entries[pathIndexes[0]!]!.key;
}

/** The problems inside [start, end] as one run [first, last) of `problems`, or undefined when another problem touches the span. */
function problemRun(problems: readonly PlistProblem[], start: number, end: number): [number, number] | undefined {
  let first = -1;
  let last = -1;
  for (let k = 0; k < problems.length; k++) {
    const p = problems[k]!;
    if (p.end < start || p.start > end) continue;
    if (p.start < start || p.end > end) return undefined;
    if (first < 0) first = k;
    else if (last !== k) return undefined;
    last = k + 1;
  }
  return first < 0 ? [0, 0] : [first, last];
}

/** Re-reads the element `old` (its content holds the edit) and puts the new one in its place. */
function splicedElement(previous: PlistDocument, text: TextSource, old: PlistNode, delta: number): { document: PlistDocument; added: PlistNode; problems: boolean } | undefined {
  const run = problemRun(previous.problems, old.start, old.end);
  if (!run) return undefined;
  const plain = old.kind !== 'dict' && old.kind !== 'array' ? plainScalar(text, old, delta) : undefined;
  const read = plain ? { root: plain, problems: NO_PROBLEMS, comments: NO_COMMENTS } : elementAt(text, old, delta, enclosingTypes(previous));
  const node = read?.root;
  if (!read || !node || node.kind !== old.kind || node.end !== old.end + delta) return undefined;
  // New problems go where the old element's were; with none there, their place in reading order is
  // known only when the document has no other problem.
  if (read.problems.length && run[0] === run[1] && previous.problems.length) return undefined;

  const owner = old.owner;
  const at = pathIndexes[pathIndexes.length - 1]!;
  if (owner !== undefined && 'dict' in owner) owner.value = node;
  else if (owner !== undefined && owner.kind === 'array') owner.items[at] = node;
  else return undefined;
  node.owner = owner;
  // The old subtree leaves the tree: caches keyed on its nodes can tell (isAttached).
  old.owner = undefined;

  shiftAfterPath(delta);
  const problems = spliceShifted(previous.problems, run[0], run[1], read.problems, old.end, delta);
  const comments = splicedComments(previous.comments, old.start, old.end, read.comments, delta);
  return { document: copyOf(previous, problems, comments, old.end, delta), added: node, problems: run[0] !== run[1] || read.problems.length > 0 };
}

const NO_PROBLEMS: readonly PlistProblem[] = [];
const NO_COMMENTS: readonly PlistComment[] = [];

/**
 * A scalar re-read without the parser when its new content is plain text (no `&`, no markup) up
 * to its own close tag and a valid value: the node the full parse makes on its fast path, which
 * reads exactly that and reports nothing. A keystroke in a `<string>` mostly takes this path (the
 * parser's setup is the larger part of reading a few characters); undefined for anything else.
 */
function plainScalar(text: TextSource, old: PlistScalar, delta: number): PlistScalar | undefined {
  const closeLength = old.kind.length + 3;
  // The old close tag was exactly `</kind>` (the edit, inside the content, left it as it was).
  if (old.innerEnd + closeLength !== old.end) return undefined;
  const innerEnd = old.innerEnd + delta;
  // The element's new text alone: its content, then its close tag.
  const element = text.slice(old.innerStart, innerEnd + closeLength);
  const length = innerEnd - old.innerStart;
  for (let i = 0; i < length; i++) {
    const c = element.charCodeAt(i);
    if (c === 60 /* < */ || c === 38 /* & */) return undefined;
  }
  if (!isCloseTagAt(element, length, old.kind)) return undefined;
  const content = element.slice(0, length);
  const value = scalarValue(old.kind, content);
  if (value === INVALID) return undefined;
  return scalarNode(old.kind, old.start, innerEnd + closeLength, old.innerStart, innerEnd, content, value);
}

/**
 * Characters read past the element's end: the parser's lookahead is shorter (an entity's `;`
 * is looked for within the text being decoded; tags, comments and CDATA end before the element
 * does, when it ends where it should).
 */
const LOOKAHEAD = 64;

/**
 * The element at `old`'s place read again from its text and a little beyond, not from the whole
 * text: the element must end where the old one ended, moved by the edit (splicedElement checks),
 * and reading up to there never looks further than LOOKAHEAD past it. An element that ends
 * elsewhere (a construct left open runs on, in the file as into the end of this text) is
 * refused, and the text parsed whole. Offsets are then moved to the file's.
 */
function elementAt(text: TextSource, old: PlistNode, delta: number, enclosing: EnclosingTypes): PlistDocument | undefined {
  const read = parseElementAt(text.slice(old.start, old.end + delta + LOOKAHEAD), 0, enclosing);
  if (!read?.root) return read;
  const base = old.start;
  shiftNode(read.root, base);
  for (const p of read.problems) {
    p.start += base;
    p.end += base;
    if (p.fix) for (const e of p.fix.edits) {
      e.start += base;
      e.end += base;
    }
  }
  for (const c of read.comments) {
    c.start += base;
    c.end += base;
  }
  return read;
}

/**
 * A key's text edited: the entry keeps its place and takes the new text, when the full parse
 * would read it on its fast path (plain text up to `</key>`, nothing to decode or report).
 */
function splicedKey(previous: PlistDocument, text: TextSource, entry: PlistEntry, delta: number): PlistDocument | undefined {
  const closeAt = entry.keyInnerEnd + delta;
  // The key element's new text alone, from its text to its end.
  const element = text.slice(entry.keyInnerStart, entry.keyEnd + delta);
  const lt = element.indexOf('<');
  if (lt !== closeAt - entry.keyInnerStart) return undefined;
  const amp = element.indexOf('&');
  if (amp >= 0 && amp < lt) return undefined;
  const run = problemRun(previous.problems, entry.start, entry.keyEnd);
  if (!run || run[0] !== run[1]) return undefined;
  const firstComment = lastStartingAtOrBefore(previous.comments, entry.keyEnd);
  if (firstComment >= 0 && previous.comments[firstComment]!.end > entry.start) return undefined;

  const oldKeyInnerEnd = entry.keyInnerEnd;
  entry.key = element.slice(0, lt);
  entry.keyInnerEnd = closeAt;
  entry.keyEnd += delta;
  if (entry.value) shiftNode(entry.value, delta);
  shiftAfterPath(delta);
  const problems = spliceShifted(previous.problems, run[0], run[0], [], oldKeyInnerEnd, delta);
  const comments = splicedComments(previous.comments, entry.start, entry.keyEnd, [], delta);
  return copyOf(previous, problems, comments, oldKeyInnerEnd, delta);
}

/** The types of the elements open around `node` when the full parse reads it, outermost first. */
function enclosingTypes(doc: PlistDocument): EnclosingTypes {
  const root = doc.root!;
  const plist = doc.plistElement;
  const types: ('plist' | 'dict' | 'array')[] = plist && plist.start < root.start && root.end <= plist.end ? ['plist'] : [];
  for (const container of pathContainers) types.push(container.kind);
  return types;
}

/**
 * Shifts by `delta` the offsets after the re-read part, which are all in the tree: the ends of the
 * containers on the path, and the children after the path in each.
 */
function shiftAfterPath(delta: number): void {
  if (delta === 0) return;
  for (let level = pathContainers.length - 1; level >= 0; level--) {
    const container = pathContainers[level]!;
    container.end += delta;
    container.innerEnd += delta;
    const after = pathIndexes[level]! + 1;
    if (container.kind === 'dict') {
      const entries = container.entries;
      for (let k = after; k < entries.length; k++) shiftEntry(entries[k]!, delta);
    } else {
      const items = container.items;
      for (let k = after; k < items.length; k++) shiftNode(items[k]!, delta);
    }
  }
}

function shiftEntry(entry: PlistEntry, delta: number): void {
  entry.start += delta;
  entry.keyEnd += delta;
  entry.keyInnerStart += delta;
  entry.keyInnerEnd += delta;
  if (entry.value) shiftNode(entry.value, delta);
}

// The work list of shiftNode, kept between calls.
const shiftStack: PlistNode[] = [];

/** Shifts a whole subtree, iteratively (nesting can be deep). */
function shiftNode(top: PlistNode, delta: number): void {
  shiftStack.push(top);
  while (shiftStack.length) {
    const node = shiftStack.pop()!;
    node.start += delta;
    node.end += delta;
    node.innerStart += delta;
    node.innerEnd += delta;
    if (node.kind === 'dict') {
      for (const entry of node.entries) {
        entry.start += delta;
        entry.keyEnd += delta;
        entry.keyInnerStart += delta;
        entry.keyInnerEnd += delta;
        if (entry.value) shiftStack.push(entry.value);
      }
    } else if (node.kind === 'array') for (const item of node.items) shiftStack.push(item);
  }
}

/**
 * `problems` with [first, last) replaced by `replacement`, and the offsets at or after `from`
 * shifted (in place: the old document is consumed). Problems are in reading order, not by position:
 * one read later may point earlier (a key without value is reported when the next key is read).
 */
function spliceShifted(problems: readonly PlistProblem[], first: number, last: number, replacement: readonly PlistProblem[], from: number, delta: number): PlistProblem[] {
  const out: PlistProblem[] = [];
  for (let k = 0; k < problems.length; k++) {
    if (k === first) for (const p of replacement) out.push(p);
    if (k >= first && k < last) continue;
    const p = problems[k]!;
    if (delta !== 0) {
      if (p.start >= from) {
        p.start += delta;
        p.end += delta;
      }
      if (p.fix) for (const e of p.fix.edits) if (e.start >= from) {
        e.start += delta;
        e.end += delta;
      }
    }
    out.push(p);
  }
  if (first >= problems.length) for (const p of replacement) out.push(p);
  return out;
}

/** `comments` with those inside [start, end] (old offsets) replaced by `replacement`, the later ones shifted. */
function splicedComments(comments: readonly PlistComment[], start: number, end: number, replacement: readonly PlistComment[], delta: number): PlistComment[] {
  if (!comments.length && !replacement.length) return [];
  const firstInside = lastStartingAtOrBefore(comments, start - 1) + 1;
  let after = firstInside;
  while (after < comments.length && comments[after]!.start < end) after++;
  const out = comments.slice(0, firstInside);
  for (const c of replacement) out.push(c);
  for (let k = after; k < comments.length; k++) {
    const c = comments[k]!;
    c.start += delta;
    c.end += delta;
    out.push(c);
  }
  return out;
}

/** The new document: the previous one's parts, with the `<plist>` element's span shifted. */
function copyOf(previous: PlistDocument, problems: PlistProblem[], comments: PlistComment[], from = 0, delta = 0): PlistDocument {
  const doc: PlistDocument = { comments, problems, binary: previous.binary };
  if (previous.root) doc.root = previous.root;
  const plist = previous.plistElement;
  if (plist) doc.plistElement = { start: plist.start >= from ? plist.start + delta : plist.start, end: plist.end >= from ? plist.end + delta : plist.end };
  return doc;
}
