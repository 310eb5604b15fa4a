// A minimal DER/BER reader: enough ASN.1 to walk a CMS envelope. Our own rather than a library:
// a profile needs a handful of tags of one structure and no signature check, and the server bundle
// stays small. Bounds-checked everywhere; iterative; linear time even for deeply nested
// indefinite lengths (each element's end is found once and remembered). Malformed input throws a
// DerError with a readable message; the CMS layer turns it into a diagnostic.

export interface DerElement {
  /** The identifier octet (class, constructed bit, low tag number): 0x30 SEQUENCE, 0x04 OCTET STRING, 0xa0 [0]… */
  tag: number;
  /** Tag number (the low five bits, or the high-tag-number form's value). */
  number: number;
  constructed: boolean;
  start: number;
  contentStart: number;
  /** Exclusive end of the content (before the end-of-contents octets of an indefinite length). */
  contentEnd: number;
  /** Exclusive end of the whole element. */
  end: number;
  indefinite: boolean;
}

export class DerError extends Error {}

/** OCTET STRING, primitive (0x04) or constructed (0x24). */
export const isOctetString = (e: DerElement): boolean => e.number === 4 && (e.tag & 0xc0) === 0;

/** Lengths beyond this many octets cannot describe a file we would read (4 GiB). */
const MAX_LENGTH_OCTETS = 4;
/** High tag numbers longer than this are hostile, not CMS. */
const MAX_TAG_OCTETS = 4;

interface Header {
  tag: number;
  number: number;
  constructed: boolean;
  contentStart: number;
  /** -1 for an indefinite length. */
  length: number;
}

export class DerReader {
  /** Indefinite-length elements resolved so far: start → [contentEnd, end]. */
  private readonly resolved = new Map<number, [number, number]>();

  constructor(readonly bytes: Uint8Array) {}

  private header(offset: number, limit: number): Header {
    const bytes = this.bytes;
    if (offset + 2 > limit) throw new DerError(`truncated: an element starts at byte ${offset} but the data ends at byte ${limit}`);
    const tag = bytes[offset]!;
    let p = offset + 1;
    let number = tag & 0x1f;
    if (number === 0x1f) {
      // High tag number: base-128 digits, the last without the top bit.
      number = 0;
      for (let i = 0; ; i++) {
        if (i >= MAX_TAG_OCTETS) throw new DerError(`tag too long at byte ${offset}`);
        if (p >= limit) throw new DerError(`truncated tag at byte ${offset}`);
        const b = bytes[p++]!;
        number = number * 128 + (b & 0x7f);
        if (!(b & 0x80)) break;
      }
    }
    if (p >= limit) throw new DerError(`truncated: no length after the tag at byte ${offset}`);
    const first = bytes[p++]!;
    const constructed = (tag & 0x20) !== 0;
    let length: number;
    if (first < 0x80) length = first;
    else if (first === 0x80) {
      if (!constructed) throw new DerError(`indefinite length on a primitive element at byte ${offset}`);
      length = -1;
    } else {
      const count = first & 0x7f;
      if (count === 0x7f) throw new DerError(`reserved length octet at byte ${offset}`);
      if (p + count > limit) throw new DerError(`truncated length at byte ${offset}`);
      // BER allows leading zero octets: skip them, then at most four significant ones.
      let i = 0;
      while (i < count && bytes[p + i] === 0) i++;
      if (count - i > MAX_LENGTH_OCTETS) throw new DerError(`length too large at byte ${offset}`);
      length = 0;
      for (; i < count; i++) length = length * 256 + bytes[p + i]!;
      p += count;
    }
    if (length > limit - p) throw new DerError(`truncated: the element at byte ${offset} declares ${length} bytes, only ${limit - p} remain`);
    return { tag, number, constructed, contentStart: p, length };
  }

  /** The element at `offset`, which must end by `limit`. */
  element(offset: number, limit = this.bytes.length): DerElement {
    const h = this.header(offset, limit);
    const indefinite = h.length < 0;
    let contentEnd = h.contentStart + h.length;
    let end = contentEnd;
    if (indefinite) [contentEnd, end] = this.resolveIndefinite(offset, h.contentStart, limit);
    // One literal shape (an object spread here costs microseconds per element).
    return { tag: h.tag, number: h.number, constructed: h.constructed, start: offset, contentStart: h.contentStart, contentEnd, end, indefinite };
  }

  /**
   * Finds the end-of-contents of the indefinite-length element at `start`, walking its content
   * once with an explicit stack and remembering the end of every nested indefinite element met
   * on the way, so reading those later costs nothing.
   */
  private resolveIndefinite(start: number, contentStart: number, limit: number): [number, number] {
    const known = this.resolved.get(start);
    if (known) {
      if (known[1] > limit) throw new DerError(`the element at byte ${start} runs past its parent`);
      return known;
    }
    const open = [start];
    let p = contentStart;
    while (open.length) {
      if (p + 2 > limit) throw new DerError(`truncated: the indefinite-length element at byte ${open[open.length - 1]} never ends`);
      if (this.bytes[p] === 0 && this.bytes[p + 1] === 0) {
        this.resolved.set(open.pop()!, [p, p + 2]);
        p += 2;
        continue;
      }
      const h = this.header(p, limit);
      if (h.length >= 0) p = h.contentStart + h.length;
      else {
        const seen = this.resolved.get(p);
        if (seen) p = seen[1];
        else {
          open.push(p);
          p = h.contentStart;
        }
      }
    }
    return this.resolved.get(start)!;
  }

  /** The direct children of a constructed element. */
  children(parent: DerElement): DerElement[] {
    if (!parent.constructed) throw new DerError(`the element at byte ${parent.start} is not constructed`);
    const out: DerElement[] = [];
    for (let p = parent.contentStart; p < parent.contentEnd; ) {
      const child = this.element(p, parent.contentEnd);
      out.push(child);
      p = child.end;
    }
    return out;
  }

  /** Dotted text of an OBJECT IDENTIFIER element (arcs beyond 2^53 lose precision: never in CMS). */
  oid(element: DerElement): string {
    if (element.tag !== 0x06) throw new DerError(`expected an OBJECT IDENTIFIER at byte ${element.start}`);
    const parts: number[] = [];
    let value = 0;
    let pending = false;
    for (let i = element.contentStart; i < element.contentEnd; i++) {
      const b = this.bytes[i]!;
      value = value * 128 + (b & 0x7f);
      pending = (b & 0x80) !== 0;
      if (pending) continue;
      if (!parts.length) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
    if (pending || !parts.length) throw new DerError(`malformed OBJECT IDENTIFIER at byte ${element.start}`);
    return parts.join('.');
  }

  /** The bytes of an OCTET STRING, primitive or constructed (chunked, nested, as BER allows). */
  octets(element: DerElement): Uint8Array {
    if (!isOctetString(element)) throw new DerError(`expected an OCTET STRING at byte ${element.start}`);
    if (!element.constructed) return this.bytes.subarray(element.contentStart, element.contentEnd);
    const chunks: Uint8Array[] = [];
    let total = 0;
    // Depth-first, in order: a stack of children lists with a cursor each.
    const stack: { items: DerElement[]; next: number }[] = [{ items: this.children(element), next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.next >= top.items.length) {
        stack.pop();
        continue;
      }
      const item = top.items[top.next++]!;
      if (!isOctetString(item)) throw new DerError(`a chunk of a constructed OCTET STRING is not an OCTET STRING (byte ${item.start})`);
      if (item.constructed) stack.push({ items: this.children(item), next: 0 });
      else {
        chunks.push(this.bytes.subarray(item.contentStart, item.contentEnd));
        total += item.contentEnd - item.contentStart;
      }
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
