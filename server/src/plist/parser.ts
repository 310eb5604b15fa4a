// The XML plist parser for editors: one pass, linear time, iterative (an explicit stack, so
// 100,000 nested arrays cannot overflow the call stack), and error-recovering: a problem is
// reported with its span and parsing goes on, so later problems still show while typing.
// Entities are never expanded or fetched: the five XML entities and character references are
// decoded; anything else is reported and kept as text.
import { arrayNode, dictEntry, dictNode, scalarNode } from './nodes';
import { INVALID, invalidScalarMessage, scalarValue } from './scalars';
import type { PlistArray, PlistDict, PlistDocument, PlistEntry, PlistNode, PlistProblem, PlistScalar } from './types';

type ScalarKind = PlistScalar['kind'];

/** Texts up to this length are shared when repeated (see `textAt`); longer ones rarely repeat. */
const SHARED_MAX_LENGTH = 64;
/** Slots of the per-parse table of recent texts (a power of two). */
const RECENT_SLOTS = 256;

/**
 * The element names a plist knows, by length: a tag's name is matched against these in place and
 * the constant returned, so reading a known tag allocates no string and later comparisons are
 * comparisons of the same internalized string.
 */
const NAMES_BY_LENGTH: string[][] = [[], [], [], ['key'], ['dict', 'true', 'real', 'date', 'data'], ['array', 'false', 'plist'], ['string'], ['integer']];

function isScalarName(name: string): name is ScalarKind {
  return name === 'string' || name === 'integer' || name === 'true' || name === 'false' || name === 'real' || name === 'date' || name === 'data';
}

type Frame =
  | { type: 'plist'; start: number; openEnd: number; root?: PlistNode }
  | { type: 'dict'; node: PlistDict; openEnd: number; pendingKey?: PlistEntry }
  | { type: 'array'; node: PlistArray; openEnd: number };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 58 || c === 46;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export function parsePlist(text: string): PlistDocument {
  const n = text.length;
  const problems: PlistProblem[] = [];
  const doc: PlistDocument = { comments: [], problems, binary: false };
  const stack: Frame[] = [];
  let sawPlist = false;
  let i = 0;

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
    const top = stack[stack.length - 1];
    if (!top) {
      if (!doc.root && !sawPlist) {
        doc.root = node;
        problem(openStart, openEnd, 'The value is not inside <plist version="1.0">…</plist>: wrap it in a <plist> element.');
      } else problem(openStart, openEnd, 'A value after the end of the plist: a plist holds exactly one top-level value.');
      return;
    }
    if (top.type === 'plist') {
      if (top.root) problem(openStart, openEnd, 'A second top-level value: <plist> holds exactly one value (usually a <dict>). Move it into the dict or remove it.');
      else {
        top.root = node;
        doc.root = node;
      }
      return;
    }
    if (top.type === 'array') {
      node.owner = top.node;
      top.node.items.push(node);
      return;
    }
    const entry = top.pendingKey;
    if (!entry) {
      problem(openStart, openEnd, `A <${node.kind === 'true' || node.kind === 'false' ? node.kind + '/' : node.kind}> value without a <key> in a <dict>: every value in a dict needs a <key> before it.`);
      node.owner = top.node;
      return;
    }
    entry.value = node;
    node.owner = entry;
    top.pendingKey = undefined;
  };

  const keyWithoutValue = (entry: PlistEntry) =>
    problem(entry.keySpan.start, entry.keySpan.end, `The key '${entry.key}' has no value: add one after </key> (e.g. <string></string>, <true/>), or remove the key.`);

  /** The name in [from, to): a known element's constant, else a slice. */
  const nameAt = (from: number, to: number): string => {
    const known = NAMES_BY_LENGTH[to - from];
    if (known) {
      const first = text.charCodeAt(from);
      for (const name of known) if (name.charCodeAt(0) === first && text.startsWith(name, from)) return name;
    }
    return text.slice(from, to);
  };

  /** Reads a tag at `<`: its name, whether it closes or self-closes, and where it ends. */
  // One reused result object: a tag is read for every element, so no allocation per tag.
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

  // Keys and short values repeat (every personality has CFBundleIdentifier, IOClass,
  // $(PRODUCT_BUNDLE_IDENTIFIER)…). A small table of recent texts, hashed on a few characters,
  // hands out the string already made: no new string to allocate, and the tree keeps one copy.
  // Retained strings are what made large files slow to parse (garbage collection, bench/README.md).
  const recent: (string | undefined)[] = new Array(RECENT_SLOTS);
  /** The plain text [from, to), shared with an earlier equal one when the table has it. */
  const textAt = (from: number, to: number): string => {
    const length = to - from;
    if (length === 0) return '';
    if (length > SHARED_MAX_LENGTH) return text.slice(from, to);
    const slot = (length * 31 + text.charCodeAt(from) * 7 + text.charCodeAt(from + (length >> 1)) * 13 + text.charCodeAt(to - 1)) & (RECENT_SLOTS - 1);
    const known = recent[slot];
    if (known !== undefined && known.length === length && text.startsWith(known, from)) return known;
    const made = text.slice(from, to);
    recent[slot] = made;
    return made;
  };

  // What readContent found, in variables rather than a result object (it runs once per value).
  let contentText = '';
  let contentInnerEnd = 0;
  let contentEnd = 0;

  /** Reads a `<key>`'s or scalar's content up to its close tag (sets content*). */
  const readContent = (name: ScalarKind | 'key', start: number, openEnd: number): void => {
    // The common case first: plain text (no `&`) right up to the element's own close tag.
    const first = text.indexOf('<', openEnd);
    if (first >= 0 && text.charCodeAt(first + 1) === 47 && text.charCodeAt(first + 2 + name.length) === 62 && text.startsWith(name, first + 2)) {
      const amp = ampFrom(openEnd);
      if (amp < 0 || amp >= first) {
        contentText = textAt(openEnd, first);
        contentInnerEnd = first;
        contentEnd = first + 3 + name.length;
        return;
      }
    }
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
        if (text.startsWith('<!--', lt)) {
          textOut += decode(segmentStart, lt);
          const close = text.indexOf('-->', lt + 4);
          const cEnd = close < 0 ? n : close + 3;
          doc.comments.push({ start: lt, end: cEnd, text: text.slice(lt + 4, close < 0 ? n : close) });
          if (close < 0) problem(lt, n, "Unterminated comment: close it with '-->'.");
          j = segmentStart = cEnd;
          continue;
        }
        if (text.startsWith('<![CDATA[', lt)) {
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
      if (text.charCodeAt(lt + 1) === 47 && text.charCodeAt(lt + 2 + name.length) === 62 && text.startsWith(name, lt + 2)) {
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

  /** Closes frames down to (and including) the first one of `type`; reports each unclosed one. */
  const closeTo = (depth: number, at: number, closeTagEnd: number) => {
    while (stack.length - 1 > depth) {
      const frame = stack.pop()!;
      const name = frame.type;
      const openStart = frame.type === 'plist' ? frame.start : frame.node.start;
      problem(openStart, frame.openEnd, `<${name}> is not closed before </${stack[stack.length - 1]!.type}>: add '</${name}>'.`, 'plist-syntax', {
        title: `Insert '</${name}>'`,
        edits: [{ start: at, end: at, newText: `</${name}>` }],
      });
      finish(frame, at, at);
    }
    const frame = stack.pop()!;
    finish(frame, at, closeTagEnd);
  };

  const finish = (frame: Frame, innerEnd: number, end: number) => {
    if (frame.type === 'plist') {
      doc.plistElement = { start: frame.start, end };
      return;
    }
    frame.node.end = end;
    frame.node.innerEnd = Math.max(frame.openEnd, innerEnd);
    if (frame.type === 'dict' && frame.pendingKey) keyWithoutValue(frame.pendingKey);
    attach(frame.node, frame.node.start, frame.openEnd);
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    // Character data between tags: only whitespace belongs there.
    let k = i;
    while (k < textEnd && isSpace(text.charCodeAt(k))) k++;
    if (k < textEnd) {
      let e = textEnd;
      while (e > k && isSpace(text.charCodeAt(e - 1))) e--;
      const where = stack.length ? `inside <${stack[stack.length - 1]!.type}>` : 'outside the plist';
      problem(k, e, `Stray text ${where}: text belongs in a <key> or <string>. Remove it or wrap it in the right element.`);
      decode(k, e);
    }
    if (lt < 0) break;
    i = lt;
    // `<!…>` and `<?…>` are rare: one character test keeps them off the path of every element.
    const afterLt = text.charCodeAt(lt + 1);
    if (afterLt === 33 || afterLt === 63) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        const end = close < 0 ? n : close + 3;
        doc.comments.push({ start: lt, end, text: text.slice(lt + 4, close < 0 ? n : close) });
        if (close < 0) problem(lt, n, "Unterminated comment: close it with '-->'.");
        i = end;
        continue;
      }
      if (text.startsWith('<?', lt)) {
        const close = text.indexOf('?>', lt + 2);
        if (close < 0) problem(lt, n, "Unterminated processing instruction: close it with '?>'.");
        i = close < 0 ? n : close + 2;
        continue;
      }
      if (text.startsWith('<!DOCTYPE', lt) || text.startsWith('<!doctype', lt)) {
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
          i = end;
        } else {
          if (j >= n) problem(lt, n, "Unterminated DOCTYPE: close it with '>'.");
          i = Math.min(n, j + 1);
        }
        continue;
      }
      if (text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt);
        const end = close < 0 ? n : close + 3;
        problem(lt, end, 'CDATA outside a value: text belongs in a <key> or <string>.');
        i = end;
        continue;
      }
    }
    const tag = readTag(lt);
    // The tag object is shared and reading content reads more tags: keep this one's facts.
    const openEnd = tag.end;
    const selfClosing = tag.selfClosing;
    i = Math.max(openEnd, lt + 1);
    if (!tag.name) {
      problem(lt, Math.max(openEnd, lt + 1), tag.closing ? "Empty close tag '</>'." : "A '<' that starts no element: write '&lt;' for a literal '<'.", 'plist-syntax',
        tag.closing ? undefined : { title: "Escape '<' as '&lt;'", edits: [{ start: lt, end: lt + 1, newText: '&lt;' }] });
      continue;
    }
    if (!tag.complete) problem(lt, openEnd, `Unterminated tag <${tag.closing ? '/' : ''}${tag.name}: close it with '>'.`);
    const top = stack[stack.length - 1];

    if (tag.closing) {
      let depth = -1;
      for (let d = stack.length - 1; d >= 0; d--) {
        if (stack[d]!.type === tag.name) {
          depth = d;
          break;
        }
      }
      if (depth < 0) problem(lt, openEnd, `Unexpected </${tag.name}>: no open <${tag.name}> to close. Remove it.`);
      else closeTo(depth, lt, openEnd);
      continue;
    }

    const name = tag.name;
    if (name === 'plist') {
      if (sawPlist || stack.length) problem(lt, openEnd, 'A second <plist> element: a file holds one plist.');
      sawPlist = true;
      if (selfClosing) {
        doc.plistElement = { start: lt, end: openEnd };
        continue;
      }
      stack.push({ type: 'plist', start: lt, openEnd });
      continue;
    }
    if (name === 'key') {
      const inDict = top?.type === 'dict';
      if (selfClosing) {
        contentText = '';
        contentInnerEnd = contentEnd = openEnd;
      } else readContent('key', lt, openEnd);
      i = contentEnd;
      if (!inDict) {
        problem(lt, contentEnd, `A <key> outside a <dict>: keys only belong in dictionaries.`);
        continue;
      }
      const dictFrame = top as Extract<Frame, { type: 'dict' }>;
      if (dictFrame.pendingKey) keyWithoutValue(dictFrame.pendingKey);
      const entry = dictEntry(contentText, lt, contentEnd, openEnd, contentInnerEnd, dictFrame.node);
      dictFrame.node.entries.push(entry);
      dictFrame.pendingKey = entry;
      continue;
    }
    if (name === 'dict' || name === 'array') {
      const node = name === 'dict' ? dictNode(lt, openEnd, openEnd, openEnd) : arrayNode(lt, openEnd, openEnd, openEnd);
      if (selfClosing) {
        attach(node, lt, openEnd);
        continue;
      }
      stack.push(name === 'dict' ? { type: 'dict', node: node as PlistDict, openEnd } : { type: 'array', node: node as PlistArray, openEnd });
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
    problem(lt, openEnd, `Unknown element <${name}>: a plist knows dict, array, key, string, integer, real, true, false, date and data.`);
  }

  // End of text: every open element is unclosed.
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    const name = frame.type;
    const openStart = frame.type === 'plist' ? frame.start : frame.node.start;
    problem(openStart, frame.openEnd, `<${name}> is not closed: add '</${name}>' at the end.`, 'plist-syntax', {
      title: `Insert '</${name}>'`,
      edits: [{ start: n, end: n, newText: `${n > 0 && text.charCodeAt(n - 1) !== 10 ? '\n' : ''}</${name}>\n` }],
    });
    stack.pop();
    finish(frame, n, n);
  }
  if (!sawPlist && !doc.root && n > 0 && text.trim()) problem(0, 0, 'No <plist> element: this file holds no property list.');
  return doc;
}
