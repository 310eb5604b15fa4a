// A minimal DER/BER reader: enough of ASN.1 to walk a CMS envelope. Bounds-checked everywhere,
// iterative (indefinite lengths are resolved with an explicit stack), and it never throws: a
// malformed encoding is an `error` string. Our own, not a library: the profile needs five tags,
// and the server bundle stays small.

export interface DerElement {
  /** Tag class and number folded: 0x30 SEQUENCE, 0x31 SET, 0x06 OID, 0x04 OCTET STRING, 0xa0 [0]… */
  tag: number;
  constructed: boolean;
  start: number;
  contentStart: number;
  /** Exclusive end of the content (before the end-of-contents octets of an indefinite length). */
  contentEnd: number;
  /** Exclusive end of the whole element. */
  end: number;
}

export class DerError extends Error {}

interface Header {
  tag: number;
  constructed: boolean;
  contentStart: number;
  /** -1 for an indefinite length. */
  length: number;
}

function readHeader(bytes: Uint8Array, offset: number, limit: number): Header {
  if (offset + 2 > limit) throw new DerError(`truncated at byte ${offset}`);
  const first = bytes[offset]!;
  if ((first & 0x1f) === 0x1f) throw new DerError(`high tag numbers are not used in CMS (byte ${offset})`);
  let p = offset + 1;
  const lengthByte = bytes[p++]!;
  let length: number;
  if (lengthByte < 0x80) length = lengthByte;
  else if (lengthByte === 0x80) {
    if (!(first & 0x20)) throw new DerError(`indefinite length on a primitive element (byte ${offset})`);
    length = -1;
  } else {
    const count = lengthByte & 0x7f;
    if (count > 4 || p + count > limit) throw new DerError(`bad length at byte ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[p++]!;
  }
  if (length >= 0 && p + length > limit) throw new DerError(`element at byte ${offset} runs past the end (truncated file?)`);
  return { tag: first, constructed: (first & 0x20) !== 0, contentStart: p, length };
}

/** Reads the element at `offset` within `limit`, resolving indefinite lengths iteratively. */
export function readElement(bytes: Uint8Array, offset: number, limit = bytes.length): DerElement {
  const header = readHeader(bytes, offset, limit);
  if (header.length >= 0) {
    const end = header.contentStart + header.length;
    return { tag: header.tag, constructed: header.constructed, start: offset, contentStart: header.contentStart, contentEnd: end, end };
  }
  // Indefinite: walk nested elements until this one's end-of-contents (00 00).
  let p = header.contentStart;
  let depth = 1;
  let contentEnd = -1;
  while (depth > 0) {
    if (p + 2 > limit) throw new DerError('indefinite-length element never ends (truncated file?)');
    if (bytes[p] === 0 && bytes[p + 1] === 0) {
      depth--;
      if (depth === 0) contentEnd = p;
      p += 2;
      continue;
    }
    const h = readHeader(bytes, p, limit);
    if (h.length < 0) {
      depth++;
      p = h.contentStart;
    } else p = h.contentStart + h.length;
  }
  return { tag: header.tag, constructed: true, start: offset, contentStart: header.contentStart, contentEnd, end: p };
}

/** The direct children of a constructed element. */
export function childrenOf(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const out: DerElement[] = [];
  let p = parent.contentStart;
  while (p < parent.contentEnd) {
    const child = readElement(bytes, p, parent.contentEnd);
    out.push(child);
    p = child.end;
  }
  return out;
}

/** Dotted text of an OBJECT IDENTIFIER element. */
export function oidOf(bytes: Uint8Array, element: DerElement): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = element.contentStart; i < element.contentEnd; i++) {
    const b = bytes[i]!;
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (!parts.length) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** The bytes of an OCTET STRING, primitive or constructed (chunked, as BER allows). */
export function octetsOf(bytes: Uint8Array, element: DerElement): Uint8Array {
  if (!element.constructed) return bytes.subarray(element.contentStart, element.contentEnd);
  const chunks: Uint8Array[] = [];
  const stack = [element];
  while (stack.length) {
    const e = stack.pop()!;
    if (!e.constructed) chunks.push(bytes.subarray(e.contentStart, e.contentEnd));
    else stack.push(...childrenOf(bytes, e).reverse());
  }
  return Buffer.concat(chunks);
}
