// Binary plists (`bplist00`), decoded read-only into the same tree as XML plists. They have no
// text, so every span is 0 and diagnostics sit on line 1.
//
// Our own reader, not `plist.parseBinary`: a binary plist is a table of objects that refer to each
// other by index, and that reader follows references recursively with no limit. A few hundred
// bytes whose arrays refer twice to the same array, 40 levels deep, expand to 2^40 values (the
// server runs out of memory); an array that refers to itself overflows the stack. This reader
// walks iteratively, checks every offset against the bytes, rejects cycles and stops at
// MAX_VALUES. `plist.parseBinary` stays the reference its tests compare with.
import { arrayNode, dictEntry, dictNode, scalarNode } from './nodes';
import type { PlistArray, PlistDict, PlistDocument, PlistNode, PlistScalar } from './types';

/** More values than any real Info.plist or entitlements file holds; a bomb's expansion stops here. */
export const MAX_VALUES = 1_000_000;

const EPOCH_2001_MS = Date.UTC(2001, 0, 1);

class BinaryPlistError extends Error {}

function fail(message: string): never {
  throw new BinaryPlistError(message);
}

/** Reads the object table of a bplist00 file, every read bounds-checked. */
class ObjectTable {
  readonly view: DataView;
  readonly count: number;
  readonly top: number;
  private readonly refSize: number;
  private readonly offsetSize: number;
  /** Where the offset table starts, which is where the objects end. */
  private readonly tableStart: number;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = bytes.byteLength;
    if (n < 8 + 32) fail('the file is shorter than a header and a trailer');
    const trailer = n - 32;
    this.offsetSize = this.view.getUint8(trailer + 6);
    this.refSize = this.view.getUint8(trailer + 7);
    if (![1, 2, 4, 8].includes(this.offsetSize) || ![1, 2, 4, 8].includes(this.refSize)) fail('the trailer gives impossible integer sizes');
    this.count = this.uint(trailer + 8, 8);
    this.top = this.uint(trailer + 16, 8);
    this.tableStart = this.uint(trailer + 24, 8);
    // Every object takes at least one byte between the header and the offset table.
    if (this.count < 1 || this.count > n || this.top >= this.count) fail('the trailer gives an impossible object count');
    if (this.tableStart < 8 || this.tableStart + this.count * this.offsetSize > trailer) fail('the offset table lies outside the file');
  }

  /** An unsigned big-endian integer of `size` bytes at `at` (8-byte values must be safe integers). */
  uint(at: number, size: number): number {
    if (at < 0 || at + size > this.bytes.byteLength) fail('a value runs past the end of the file');
    switch (size) {
      case 1:
        return this.view.getUint8(at);
      case 2:
        return this.view.getUint16(at);
      case 4:
        return this.view.getUint32(at);
      default: {
        const value = this.view.getBigUint64(at);
        if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail('an offset or count is too large');
        return Number(value);
      }
    }
  }

  offsetOf(index: number): number {
    if (index >= this.count) fail(`a reference to object ${index}, beyond the ${this.count} objects`);
    const offset = this.uint(this.tableStart + index * this.offsetSize, this.offsetSize);
    if (offset < 8 || offset >= this.tableStart) fail(`object ${index} lies outside the object area`);
    return offset;
  }

  /** The object's marker: its type (high nibble) and the start and length of its body. */
  header(index: number): { type: number; info: number; length: number; body: number } {
    const offset = this.offsetOf(index);
    const marker = this.view.getUint8(offset);
    const type = marker >> 4;
    const info = marker & 0x0f;
    let length = info;
    let body = offset + 1;
    // Strings, data and containers give a length > 14 as a following integer object.
    if (info === 0x0f && type !== 0x0 && type !== 0x1 && type !== 0x2 && type !== 0x3 && type !== 0x8) {
      const intMarker = this.uint(body, 1);
      if (intMarker >> 4 !== 0x1 || (intMarker & 0x0f) > 3) fail(`object ${index} has a malformed length`);
      const size = 1 << (intMarker & 0x0f);
      length = this.uint(body + 1, size);
      body += 1 + size;
    }
    return { type, info, length, body };
  }

  ref(at: number): number {
    return this.uint(at, this.refSize);
  }

  refSpan(length: number): number {
    return length * this.refSize;
  }

  inBounds(from: number, bytes: number): void {
    if (bytes < 0 || from + bytes > this.tableStart) fail('an object runs past the object area');
  }

  /** The `n` bytes at `from`, checked to lie inside the object area (a view, not a copy). */
  bytesAt(from: number, n: number): Buffer {
    this.inBounds(from, n);
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + from, n);
  }
}

function scalar(kind: PlistScalar['kind'], text: string, value: PlistScalar['value']): PlistScalar {
  return scalarNode(kind, 0, 0, 0, 0, text, value);
}

/** A non-container object as a node. */
function scalarObject(table: ObjectTable, index: number, h: ReturnType<ObjectTable['header']>): PlistScalar {
  const { type, info, length, body } = h;
  const view = table.view;
  switch (type) {
    case 0x0:
      if (info === 0x8) return scalar('false', '', false);
      if (info === 0x9) return scalar('true', '', true);
      // null (0x00) and fill (0x0f) have no XML form: an empty string keeps the tree whole.
      if (info === 0x0 || info === 0xf) return scalar('string', '', '');
      return fail(`object ${index} is an unknown singleton`);
    case 0x1: {
      const size = 1 << info;
      table.inBounds(body, size);
      if (size <= 4) {
        const value = table.uint(body, size);
        return scalar('integer', String(value), value);
      }
      if (size === 8) {
        const big = view.getBigInt64(body);
        const value = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
        return scalar('integer', big.toString(), value);
      }
      if (size === 16) {
        const big = (view.getBigInt64(body) << 64n) | view.getBigUint64(body + 8);
        return scalar('integer', big.toString(), big);
      }
      return fail(`object ${index} is an integer of an unsupported size`);
    }
    case 0x2: {
      const size = 1 << info;
      table.inBounds(body, size);
      if (size !== 4 && size !== 8) fail(`object ${index} is a real of an unsupported size`);
      const value = size === 4 ? view.getFloat32(body) : view.getFloat64(body);
      return scalar('real', String(value), value);
    }
    case 0x3: {
      table.inBounds(body, 8);
      const date = new Date(EPOCH_2001_MS + view.getFloat64(body) * 1000);
      const iso = Number.isNaN(date.getTime()) ? '' : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
      return scalar('date', iso, iso);
    }
    case 0x4: {
      const b64 = table.bytesAt(body, length).toString('base64');
      return scalar('data', b64, b64);
    }
    case 0x5:
    case 0x7: {
      // ASCII (read as Latin-1) and UTF-8 (newer writers): `length` counts bytes.
      const text = table.bytesAt(body, length).toString(type === 0x5 ? 'latin1' : 'utf8');
      return scalar('string', text, text);
    }
    case 0x6: {
      // UTF-16 big-endian: `length` counts units. Swapped in a copy, never in the file's bytes.
      const text = Buffer.from(table.bytesAt(body, length * 2)).swap16().toString('utf16le');
      return scalar('string', text, text);
    }
    case 0x8: {
      // A UID (keyed archives) of 1, 2, 4 or 8 bytes, shown as an integer.
      const size = info + 1;
      if (size !== 1 && size !== 2 && size !== 4 && size !== 8) fail(`object ${index} is a UID of an unsupported size`);
      table.inBounds(body, size);
      const value = table.uint(body, size);
      return scalar('integer', String(value), value);
    }
    default:
      return fail(`object ${index} has an unknown type 0x${type.toString(16)}`);
  }
}

/** A key object's text: dict keys are strings. */
function keyText(table: ObjectTable, index: number): string {
  const h = table.header(index);
  if (h.type !== 0x5 && h.type !== 0x6 && h.type !== 0x7) fail(`a dict key (object ${index}) is not a string`);
  return scalarObject(table, index, h).value as string;
}

/** Builds the tree of the top object: iterative, cycle-checked, at most MAX_VALUES nodes. */
function decodeTree(bytes: Uint8Array): PlistNode {
  const table = new ObjectTable(bytes);
  /** Containers on the path from the top object to the current one (a reference to one is a cycle). */
  const onPath = new Uint8Array(table.count);
  let made = 0;
  type Work = { index: number; attach?: (node: PlistNode) => void } | { leave: number };
  const work: Work[] = [{ index: table.top }];
  let root: PlistNode | undefined;
  while (work.length) {
    const item = work.pop()!;
    if ('leave' in item) {
      onPath[item.leave] = 0;
      continue;
    }
    if (++made > MAX_VALUES) fail('it expands to more than 1,000,000 values (objects shared many times over)');
    const h = table.header(item.index);
    let node: PlistNode;
    if (h.type === 0xa || h.type === 0xc || h.type === 0xd) {
      if (onPath[item.index]) fail(`object ${item.index} contains itself`);
      const isDict = h.type === 0xd;
      table.inBounds(h.body, table.refSpan(isDict ? 2 * h.length : h.length));
      const container: PlistDict | PlistArray = isDict ? dictNode(0, 0, 0, 0) : arrayNode(0, 0, 0, 0);
      node = container;
      onPath[item.index] = 1;
      work.push({ leave: item.index });
      // Children are pushed last first, so they are made (and attached) in order.
      for (let i = h.length - 1; i >= 0; i--) {
        const valueRef = table.ref(h.body + table.refSpan(isDict ? h.length + i : i));
        if (container.kind === 'dict') {
          const key = keyText(table, table.ref(h.body + table.refSpan(i)));
          work.push({
            index: valueRef,
            attach: (child) => {
              const entry = dictEntry(key, 0, 0, 0, 0, container);
              entry.value = child;
              child.owner = entry;
              container.entries.push(entry);
            },
          });
        } else {
          work.push({
            index: valueRef,
            attach: (child) => {
              child.owner = container;
              container.items.push(child);
            },
          });
        }
      }
    } else node = scalarObject(table, item.index, h);
    if (item.attach) item.attach(node);
    else root = node;
  }
  return root!;
}

export function parseBinaryPlistBytes(bytes: Uint8Array): PlistDocument {
  const doc: PlistDocument = { comments: [], problems: [], binary: true };
  try {
    if (!isBplist00(bytes)) fail('the header is not bplist00');
    doc.root = decodeTree(bytes);
    doc.problems.push({ code: 'binary-plist', start: 0, end: 0, message: 'Binary plist (bplist00): decoded and checked read-only. Convert it to XML to edit it: plutil -convert xml1 <file>.' });
  } catch (error) {
    if (!(error instanceof BinaryPlistError) && !(error instanceof RangeError)) throw error;
    doc.problems.push({ code: 'plist-syntax', start: 0, end: 0, message: `Cannot decode binary plist: ${error.message}. Re-save it with Xcode or plutil -convert xml1 <file>.` });
  }
  return doc;
}

function isBplist00(bytes: Uint8Array): boolean {
  const magic = 'bplist00';
  if (bytes.byteLength < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}
