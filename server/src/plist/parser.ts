// The XML plist parser for editors: one pass, linear time, iterative (an explicit stack, so
// 100,000 nested arrays cannot overflow the call stack), and error-recovering: a problem is
// reported with its span and parsing goes on, so later problems still show while typing.
// Entities are never expanded or fetched: the five XML entities and character references are
// decoded; anything else is reported and kept as text.
//
// Speed (bench/README.md): the elements of a well-formed file (`<name>`, `<name/>`, `</name>`
// with a plist element name, text without `&` or markup) are read on a fast path: a tag by
// character comparisons, a value's text by one `indexOf` to its close tag and one slice (strings
// are not deduplicated: measured, the lookups cost more than they saved). Anything else
// (attributes, entities, comments inside values, half-typed tags) takes the general path, which
// reports and recovers. Both produce the same tree.
import { arrayNode, dictEntry, dictNode, scalarNode } from './nodes';
import { INVALID, invalidScalarMessage, scalarValue } from './scalars';
import type { PlistArray, PlistDict, PlistDocument, PlistEntry, PlistNode, PlistProblem, PlistScalar } from './types';

type ScalarKind = PlistScalar['kind'];

function isScalarName(name: string): name is ScalarKind {
  return name === 'string' || name === 'integer' || name === 'true' || name === 'false' || name === 'real' || name === 'date' || name === 'data';
}

/**
 * An open element on the parse stack. One class for the three kinds, every field set in the
 * constructor: the top frame is read for every element, and one shape keeps that read fast.
 */
class Frame {
  type: 'plist' | 'dict' | 'array';
  start: number;
  openEnd: number;
  /** The dict or array being filled (undefined for `plist`). */
  node: PlistDict | PlistArray | undefined;
  /** `plist`: the top-level value, once read. */
  root: PlistNode | undefined;
  /** `dict`: the last key, while it waits for its value. */
  pendingKey: PlistEntry | undefined;
  constructor(type: Frame['type'], start: number, openEnd: number, node: PlistDict | PlistArray | undefined) {
    this.type = type;
    this.start = start;
    this.openEnd = openEnd;
    this.node = node;
    this.root = undefined;
    this.pendingKey = undefined;
  }
}

/**
 * The plist element name at `p` (followed by a character that ends names), as its constant, or
 * '' when there is none, by character comparisons only: reading a known tag allocates no string,
 * and later comparisons are of the same internalized string.
 */
function knownNameAt(text: string, p: number): string {
  let name: string;
  switch (text.charCodeAt(p)) {
    case 107: name = 'key'; break;
    case 115: name = 'string'; break;
    case 105: name = 'integer'; break;
    case 116: name = 'true'; break;
    case 102: name = 'false'; break;
    case 97: name = 'array'; break;
    case 114: name = 'real'; break;
    case 112: name = 'plist'; break;
    case 100: {
      const second = text.charCodeAt(p + 1);
      if (second === 105) name = 'dict';
      else if (second === 97) name = text.charCodeAt(p + 3) === 97 ? 'data' : 'date';
      else return '';
      break;
    }
    default:
      return '';
  }
  return isAt(text, p, name) && !isNameChar(text.charCodeAt(p + name.length)) ? name : '';
}

/** Whether `literal` is at `at`: `startsWith` by character comparisons (a builtin call costs more on short literals). */
function isAt(text: string, at: number, literal: string): boolean {
  const length = literal.length;
  for (let k = 0; k < length; k++) if (text.charCodeAt(at + k) !== literal.charCodeAt(k)) return false;
  return true;
}

/** Whether `</name>` is at `at`. */
export function isCloseTagAt(text: string, at: number, name: string): boolean {
  return text.charCodeAt(at + 1) === 47 && isAt(text, at + 2, name) && text.charCodeAt(at + 2 + name.length) === 62;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 58 || c === 46;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export function parsePlist(text: string): PlistDocument {
  return parse(text, 0, undefined)!;
}

/** The element types a re-read element is nested in, outermost first (`plist` included when open). */
export type EnclosingTypes = readonly Frame['type'][];

/**
 * Reads the one element that starts at `start` as the full parse would read it inside elements of
 * the `enclosing` types (incremental re-parsing, `incremental.ts`): the outer elements are open
 * frames on the stack, so every decision that looks down the stack (which close tag closes what,
 * a misspelt close tag) is the full parse's. Returns the document of that element alone (`root`,
 * its problems and comments), or undefined when reading it would close an enclosing element or
 * run to the end of the text: then the element is not self-contained and the caller parses the
 * whole text.
 */
export function parseElementAt(text: string, start: number, enclosing: EnclosingTypes): PlistDocument | undefined {
  return parse(text, start, enclosing);
}

function parse(text: string, from: number, enclosing: EnclosingTypes | undefined): PlistDocument | undefined {
  const n = text.length;
  const problems: PlistProblem[] = [];
  const doc: PlistDocument = { comments: [], problems, binary: false };
  const stack: Frame[] = [];
  /** The innermost open element (`stack`'s last), kept in a variable: read for every element. */
  let top: Frame | undefined;
  let sawPlist = false;
  let i = from;
  /** parseElementAt: the depth of the enclosing frames (0 for a whole parse), and its outcome. */
  const enclosingDepth = enclosing ? enclosing.length : 0;
  let element: PlistNode | undefined;
  let leftElement = false;
  // Set by closures, read by the loop: `i` itself stays a local of this function (a closure that
  // assigned it would move it into the closures' context, and every read of the loop with it).
  let stopped = false;
  if (enclosing) {
    for (const type of enclosing) push(new Frame(type, from, from, undefined));
    sawPlist = true;
  }

  function push(frame: Frame): void {
    stack.push(frame);
    top = frame;
  }
  const pop = (): Frame => {
    const frame = stack.pop()!;
    top = stack[stack.length - 1];
    return frame;
  };

  const problem = (start: number, end: number, message: string, code: PlistProblem['code'] = 'plist-syntax', fix?: PlistProblem['fix']) => {
    problems.push({ code, start, end, message, ...(fix ? { fix } : {}) });
  };

  /** Decodes character data between `from` and `to`, reporting bad `&` uses. */
  // The next `&` at or after a position, found once and reused: decode is called with increasing
  // offsets, so the search stays linear over the whole text (no rescans to the end per value).
  let nextAmp = -2;
  const ampFrom = (from: number): number => {
    if (nextAmp !== -1 && nextAmp < from) nextAmp = text.indexOf('&', from);
    return nextAmp;
  };
  const decode = (from: number, to: number): string => {
    let amp = ampFrom(from);
    if (amp < 0 || amp >= to) return text.slice(from, to);
    let out = '';
    let last = from;
    while (amp >= 0 && amp < to) {
      out += text.slice(last, amp);
      const semi = text.indexOf(';', amp + 1);
      const candidate = semi > amp && semi < to && semi - amp <= 32 ? text.slice(amp + 1, semi) : undefined;
      let replaced: string | undefined;
      if (candidate !== undefined) {
        if (candidate in ENTITIES) replaced = ENTITIES[candidate];
        else if (/^#[0-9]+$/.test(candidate) || /^#x[0-9a-fA-F]+$/.test(candidate)) {
          const code = candidate[1] === 'x' ? parseInt(candidate.slice(2), 16) : parseInt(candidate.slice(1), 10);
          if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) replaced = String.fromCodePoint(code);
          else problem(amp, semi + 1, `Invalid character reference '&${candidate};'.`);
        } else if (/^[A-Za-z_][A-Za-z0-9._-]*$/.test(candidate)) {
          problem(amp, semi + 1, `Unknown entity '&${candidate};': plists only know &amp; &lt; &gt; &quot; &apos; and character references. Entities are never expanded; write the text itself, or '&amp;${candidate};' for a literal.`);
        }
      }
      if (replaced !== undefined) {
        out += replaced;
        last = semi + 1;
      } else if (candidate !== undefined && /^[A-Za-z_#]/.test(candidate)) {
        out += text.slice(amp, semi + 1);
        last = semi + 1;
      } else {
        problem(amp, amp + 1, "Bare '&' in text: XML requires '&amp;' (the plist does not parse in Xcode or CFPropertyList).", 'plist-syntax', {
          title: "Escape '&' as '&amp;'",
          edits: [{ start: amp, end: amp + 1, newText: '&amp;' }],
        });
        out += '&';
        last = amp + 1;
      }
      amp = ampFrom(last);
    }
    return out + text.slice(last, to);
  };

  /** Attaches a finished value to the innermost container. */
  const attach = (node: PlistNode, openStart: number, openEnd: number) => {
    // parseElementAt: the element is complete; reading stops here.
    if (enclosingDepth > 0 && stack.length === enclosingDepth) {
      element = node;
      stopped = true;
      return;
    }
    if (top === undefined) {
      if (!doc.root && !sawPlist) {
        doc.root = node;
        problem(openStart, openEnd, 'The value is not inside <plist version="1.0">…</plist>: wrap it in a <plist> element.');
      } else problem(openStart, openEnd, 'A value after the end of the plist: a plist holds exactly one top-level value.');
      return;
    }
    if (top.type === 'dict') {
      const entry = top.pendingKey;
      if (entry === undefined) {
        problem(openStart, openEnd, `A <${node.kind === 'true' || node.kind === 'false' ? node.kind + '/' : node.kind}> value without a <key> in a <dict>: every value in a dict needs a <key> before it.`);
        node.owner = top.node;
        return;
      }
      entry.value = node;
      node.owner = entry;
      top.pendingKey = undefined;
      return;
    }
    if (top.type === 'array') {
      const array = top.node as PlistArray;
      node.owner = array;
      array.items.push(node);
      return;
    }
    if (top.root) problem(openStart, openEnd, 'A second top-level value: <plist> holds exactly one value (usually a <dict>). Move it into the dict or remove it.');
    else {
      top.root = node;
      doc.root = node;
    }
  };

  const keyWithoutValue = (entry: PlistEntry) =>
    problem(entry.start, entry.keyEnd, `The key '${entry.key}' has no value: add one after </key> (e.g. <string></string>, <true/>), or remove the key.`);

  /** The name in [from, to): a known element's constant, else a slice. */
  const nameAt = (from: number, to: number): string => {
    const known = knownNameAt(text, from);
    return known.length === to - from ? known : text.slice(from, to);
  };

  /** Reads a tag at `<`: its name, whether it closes or self-closes, and where it ends. */
  // One reused result object: the general path reads tags with it, so no allocation per tag.
  const tag = { name: '', closing: false, selfClosing: false, end: 0, complete: false };
  const readTag = (lt: number): typeof tag => {
    let j = lt + 1;
    const closing = text.charCodeAt(j) === 47;
    if (closing) j++;
    const nameStart = j;
    while (j < n && isNameChar(text.charCodeAt(j))) j++;
    tag.name = nameAt(nameStart, j);
    tag.closing = closing;
    let quote = 0;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) {
        tag.selfClosing = text.charCodeAt(j - 1) === 47;
        tag.end = j + 1;
        tag.complete = true;
        return tag;
      } else if (c === 60) break;
      j++;
    }
    // No `>` before the next `<` or the end: a half-typed tag.
    let end = j;
    while (end > lt + 1 && isSpace(text.charCodeAt(end - 1))) end--;
    tag.selfClosing = false;
    tag.end = end;
    tag.complete = false;
    return tag;
  };

  /** Records the comment at `lt` (`<!--`), reporting it when unterminated; returns its end. */
  const comment = (lt: number): number => {
    const close = text.indexOf('-->', lt + 4);
    const end = close < 0 ? n : close + 3;
    doc.comments.push({ start: lt, end, text: text.slice(lt + 4, close < 0 ? n : close) });
    if (close < 0) problem(lt, n, "Unterminated comment: close it with '-->'.");
    return end;
  };

  // What readContent found, in variables rather than a result object (it runs once per value).
  let contentText = '';
  let contentInnerEnd = 0;
  let contentEnd = 0;

  /** Reads a `<key>`'s or scalar's content up to its close tag (sets content*). */
  const readContent = (name: ScalarKind | 'key', start: number, openEnd: number): void => {
    // The fast path: plain text (no `&`, no markup) right up to the element's own close tag.
    const lt = text.indexOf('<', openEnd);
    if (lt >= 0 && isCloseTagAt(text, lt, name)) {
      const amp = ampFrom(openEnd);
      if (amp < 0 || amp >= lt) {
        contentText = text.slice(openEnd, lt);
        contentInnerEnd = lt;
        contentEnd = lt + 3 + name.length;
        return;
      }
    }
    readContentGenerally(name, start, openEnd);
  };

  /** readContent for any text: entities, comments and CDATA inside, a missing or misspelt close tag. */
  const readContentGenerally = (name: ScalarKind | 'key', start: number, openEnd: number): void => {
    let j = openEnd;
    let textOut = '';
    let segmentStart = j;
    let innerEnd = j;
    let closedAt = -1;
    let end = n;
    while (j < n) {
      const lt = text.indexOf('<', j);
      if (lt < 0) {
        j = n;
        break;
      }
      if (text.charCodeAt(lt + 1) === 33) {
        if (isAt(text, lt, '<!--')) {
          textOut += decode(segmentStart, lt);
          j = segmentStart = comment(lt);
          continue;
        }
        if (isAt(text, lt, '<![CDATA[')) {
          textOut += decode(segmentStart, lt);
          const close = text.indexOf(']]>', lt + 9);
          textOut += text.slice(lt + 9, close < 0 ? n : close);
          if (close < 0) problem(lt, n, "Unterminated CDATA section: close it with ']]>'.");
          j = segmentStart = close < 0 ? n : close + 3;
          continue;
        }
      }
      textOut += decode(segmentStart, lt);
      innerEnd = lt;
      // The common case: the element's own close tag, right away.
      if (isCloseTagAt(text, lt, name)) {
        closedAt = lt;
        end = lt + 3 + name.length;
        j = lt;
        break;
      }
      const closeTag = readTag(lt);
      if (closeTag.closing && closeTag.name === name) {
        closedAt = lt;
        end = closeTag.end;
        if (!closeTag.complete) problem(lt, closeTag.end, `Unterminated close tag: write '</${name}>'.`, 'plist-syntax', { title: `Complete '</${name}>'`, edits: [{ start: lt, end: closeTag.end, newText: `</${name}>` }] });
      } else if (closeTag.closing && closeTag.complete && stack.every((f) => f.type !== closeTag.name) && closeTag.name !== 'plist' && !isScalarName(closeTag.name) && closeTag.name !== 'key') {
        // `</strin>` for `</string>`: a misspelt close tag of this element.
        closedAt = lt;
        end = closeTag.end;
        problem(lt, closeTag.end, `Mismatched close tag </${closeTag.name}>: this element is <${name}>. Write </${name}>.`, 'plist-syntax', {
          title: `Replace with '</${name}>'`,
          edits: [{ start: lt, end: closeTag.end, newText: `</${name}>` }],
        });
      } else {
        // Another tag starts inside the value: the close tag is missing. Close it here.
        let at = lt;
        while (at > openEnd && isSpace(text.charCodeAt(at - 1))) at--;
        problem(start, openEnd, `<${name}> is not closed: add '</${name}>' after its text.`, 'plist-syntax', {
          title: `Insert '</${name}>'`,
          edits: [{ start: at, end: at, newText: `</${name}>` }],
        });
        innerEnd = at;
        end = lt;
      }
      j = lt;
      break;
    }
    if (j >= n && closedAt < 0 && end === n) {
      textOut += decode(segmentStart, n);
      let at = n;
      while (at > openEnd && isSpace(text.charCodeAt(at - 1))) at--;
      innerEnd = at;
      problem(start, openEnd, `<${name}> is not closed: add '</${name}>' after its text.`, 'plist-syntax', {
        title: `Insert '</${name}>'`,
        edits: [{ start: at, end: at, newText: `</${name}>` }],
      });
    }
    contentText = textOut;
    contentInnerEnd = innerEnd;
    contentEnd = end;
  };

  /** A scalar node with its value; text that does not parse is reported as `plist-value`. */
  const makeScalar = (kind: ScalarKind, start: number, end: number, innerStart: number, innerEnd: number, content: string): PlistScalar => {
    const value = scalarValue(kind, content);
    if (value !== INVALID) return scalarNode(kind, start, end, innerStart, innerEnd, content, value);
    problem(start, end, invalidScalarMessage(kind, content), 'plist-value');
    return scalarNode(kind, start, end, innerStart, innerEnd, content, undefined);
  };

  const openStartOf = (frame: Frame) => (frame.node ? frame.node.start : frame.start);

  /** Closes frames down to (and including) the one at `depth`; reports each unclosed one above it. */
  const closeTo = (depth: number, at: number, closeTagEnd: number) => {
    // parseElementAt: a close tag of an enclosing element; the element read is not self-contained.
    if (depth < enclosingDepth) {
      leftElement = true;
      stopped = true;
      return;
    }
    while (stack.length - 1 > depth) {
      const frame = pop();
      const name = frame.type;
      problem(openStartOf(frame), frame.openEnd, `<${name}> is not closed before </${top!.type}>: add '</${name}>'.`, 'plist-syntax', {
        title: `Insert '</${name}>'`,
        edits: [{ start: at, end: at, newText: `</${name}>` }],
      });
      finish(frame, at, at);
    }
    finish(pop(), at, closeTagEnd);
  };

  const finish = (frame: Frame, innerEnd: number, end: number) => {
    const node = frame.node;
    if (node === undefined) {
      doc.plistElement = { start: frame.start, end };
      return;
    }
    node.end = end;
    node.innerEnd = Math.max(frame.openEnd, innerEnd);
    if (frame.pendingKey) keyWithoutValue(frame.pendingKey);
    attach(node, node.start, frame.openEnd);
  };

  /** Text between tags that is not whitespace, from `from` (not blank) to the next `<`: reported. */
  const strayText = (from: number): number => {
    const lt = text.indexOf('<', from);
    let e = lt < 0 ? n : lt;
    while (e > from && isSpace(text.charCodeAt(e - 1))) e--;
    const where = top ? `inside <${top.type}>` : 'outside the plist';
    problem(from, e, `Stray text ${where}: text belongs in a <key> or <string>. Remove it or wrap it in the right element.`);
    decode(from, e);
    return lt < 0 ? n : lt;
  };

  /**
   * `<!…>` and `<?…>` at `lt`: comments, processing instructions, DOCTYPE, CDATA. Returns where
   * reading goes on, or -1 when it is none of them (then it is read as a tag, and reported).
   */
  const markup = (lt: number): number => {
    if (isAt(text, lt, '<!--')) return comment(lt);
    if (isAt(text, lt, '<?')) {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) problem(lt, n, "Unterminated processing instruction: close it with '?>'.");
      return close < 0 ? n : close + 2;
    }
    if (isAt(text, lt, '<!DOCTYPE') || isAt(text, lt, '<!doctype')) {
      let j = lt + 9;
      let subset = -1;
      while (j < n && text.charCodeAt(j) !== 62) {
        if (text.charCodeAt(j) === 91) {
          subset = j;
          break;
        }
        j++;
      }
      if (subset >= 0) {
        const close = text.indexOf(']', subset);
        const gt = close < 0 ? -1 : text.indexOf('>', close);
        const end = gt < 0 ? n : gt + 1;
        problem(lt, end, 'A DOCTYPE with an internal subset ([…]): entity declarations are not supported and are never expanded or fetched. Use the standard <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">.');
        return end;
      }
      if (j >= n) problem(lt, n, "Unterminated DOCTYPE: close it with '>'.");
      return Math.min(n, j + 1);
    }
    if (isAt(text, lt, '<![CDATA[')) {
      const close = text.indexOf(']]>', lt);
      const end = close < 0 ? n : close + 3;
      problem(lt, end, 'CDATA outside a value: text belongs in a <key> or <string>.');
      return end;
    }
    return -1;
  };

  while (i < n && !stopped) {
    // Only whitespace belongs between tags.
    let c = text.charCodeAt(i);
    while (c === 32 || c === 10 || c === 9 || c === 13) c = text.charCodeAt(++i);
    if (c !== 60) {
      if (i >= n) break;
      i = strayText(i);
      continue;
    }
    const lt = i;
    // `<!…>` and `<?…>` are rare: one character test keeps them off the path of every element.
    const afterLt = text.charCodeAt(lt + 1);
    if (afterLt === 33 || afterLt === 63) {
      const next = markup(lt);
      if (next >= 0) {
        i = next;
        continue;
      }
    }
    // The tag: `<name>`, `<name/>` or `</name>` of a plist element on the fast path, else read
    // generally (attributes, spaces, unknown or half-typed names).
    const closing = afterLt === 47;
    let name = knownNameAt(text, closing ? lt + 2 : lt + 1);
    let openEnd = -1;
    let selfClosing = false;
    let complete = true;
    if (name !== '') {
      const after = lt + (closing ? 2 : 1) + name.length;
      const c1 = text.charCodeAt(after);
      if (c1 === 62) openEnd = after + 1;
      else if (c1 === 47 && !closing && text.charCodeAt(after + 1) === 62) {
        openEnd = after + 2;
        selfClosing = true;
      }
    }
    if (openEnd < 0) {
      const read = readTag(lt);
      name = read.name;
      openEnd = read.end;
      selfClosing = read.selfClosing;
      complete = read.complete;
    }
    i = Math.max(openEnd, lt + 1);
    if (!name) {
      problem(lt, Math.max(openEnd, lt + 1), closing ? "Empty close tag '</>'." : "A '<' that starts no element: write '&lt;' for a literal '<'.", 'plist-syntax',
        closing ? undefined : { title: "Escape '<' as '&lt;'", edits: [{ start: lt, end: lt + 1, newText: '&lt;' }] });
      continue;
    }
    if (!complete) problem(lt, openEnd, `Unterminated tag <${closing ? '/' : ''}${name}: close it with '>'.`);

    if (closing) {
      let depth = -1;
      for (let d = stack.length - 1; d >= 0; d--) {
        if (stack[d]!.type === name) {
          depth = d;
          break;
        }
      }
      if (depth < 0) problem(lt, openEnd, `Unexpected </${name}>: no open <${name}> to close. Remove it.`);
      else closeTo(depth, lt, openEnd);
      continue;
    }

    if (name === 'key') {
      if (selfClosing) {
        contentText = '';
        contentInnerEnd = contentEnd = openEnd;
      } else readContent('key', lt, openEnd);
      i = contentEnd;
      if (top === undefined || top.type !== 'dict') {
        problem(lt, contentEnd, `A <key> outside a <dict>: keys only belong in dictionaries.`);
        continue;
      }
      if (top.pendingKey) keyWithoutValue(top.pendingKey);
      const dict = top.node as PlistDict;
      const entry = dictEntry(contentText, lt, contentEnd, openEnd, contentInnerEnd, dict);
      dict.entries.push(entry);
      top.pendingKey = entry;
      continue;
    }
    if (isScalarName(name)) {
      if (selfClosing) {
        attach(makeScalar(name, lt, openEnd, openEnd, openEnd, ''), lt, openEnd);
        continue;
      }
      readContent(name, lt, openEnd);
      i = contentEnd;
      attach(makeScalar(name, lt, contentEnd, openEnd, contentInnerEnd, contentText), lt, openEnd);
      continue;
    }
    if (name === 'dict' || name === 'array') {
      const node = name === 'dict' ? dictNode(lt, openEnd, openEnd, openEnd) : arrayNode(lt, openEnd, openEnd, openEnd);
      if (selfClosing) attach(node, lt, openEnd);
      else push(new Frame(name, lt, openEnd, node));
      continue;
    }
    if (name === 'plist') {
      if (sawPlist || stack.length) problem(lt, openEnd, 'A second <plist> element: a file holds one plist.');
      sawPlist = true;
      if (selfClosing) doc.plistElement = { start: lt, end: openEnd };
      else push(new Frame('plist', lt, openEnd, undefined));
      continue;
    }
    problem(lt, openEnd, `Unknown element <${name}>: a plist knows dict, array, key, string, integer, real, true, false, date and data.`);
  }

  if (enclosing) {
    if (element === undefined || leftElement) return undefined;
    doc.root = element;
    return doc;
  }
  // End of text: every open element is unclosed.
  while (top !== undefined) {
    const frame = top;
    const name = frame.type;
    problem(openStartOf(frame), frame.openEnd, `<${name}> is not closed: add '</${name}>' at the end.`, 'plist-syntax', {
      title: `Insert '</${name}>'`,
      edits: [{ start: n, end: n, newText: `${n > 0 && text.charCodeAt(n - 1) !== 10 ? '\n' : ''}</${name}>\n` }],
    });
    pop();
    finish(frame, n, n);
  }
  if (!sawPlist && !doc.root && n > 0 && text.trim()) problem(0, 0, 'No <plist> element: this file holds no property list.');
  reportControlCharacters(text, problem);
  return doc;
}

/** XML 1.0 allows no C0 control character but tab, LF and CR (Xcode's plist reader rejects the file). */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
/** One report per such character, up to this many: a binary file read as text has thousands. */
const MAX_CONTROL_REPORTS = 20;

function reportControlCharacters(text: string, problem: (start: number, end: number, message: string) => void): void {
  XML_FORBIDDEN.lastIndex = 0;
  let reported = 0;
  for (let m; reported < MAX_CONTROL_REPORTS && (m = XML_FORBIDDEN.exec(text)); reported++) {
    const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    problem(m.index, m.index + 1, `Control character U+${code} is not allowed in XML: the plist does not load. Remove it.`);
  }
}
