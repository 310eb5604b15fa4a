// A minimal bplist00 writer for tests (dict, array, string, integer, real, boolean): the `plist`
// package reads binary plists but does not write them.

export type Value = string | number | boolean | Value[] | { [key: string]: Value };

function lengthMarker(type: number, length: number): Buffer {
  if (length < 15) return Buffer.from([type | length]);
  return Buffer.concat([Buffer.from([type | 0x0f]), encodeInt(length)]);
}

function encodeInt(n: number): Buffer {
  if (n >= 0 && n < 256) return Buffer.from([0x10, n]);
  if (n >= 0 && n < 65536) return Buffer.from([0x11, n >> 8, n & 0xff]);
  if (n >= 0 && n < 2 ** 32) {
    const b = Buffer.alloc(5);
    b[0] = 0x12;
    b.writeUInt32BE(n, 1);
    return b;
  }
  const b = Buffer.alloc(9);
  b[0] = 0x13;
  b.writeBigInt64BE(BigInt(n), 1);
  return b;
}

/** Objects in the file, counted before writing: the reference size depends on it. */
function countObjects(root: Value): number {
  let count = 0;
  const stack: Value[] = [root];
  while (stack.length) {
    const v = stack.pop()!;
    count++;
    if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push(k, x);
  }
  return count;
}

export function encodeBinaryPlist(root: Value): Buffer {
  const objects: Buffer[] = [];
  // Each object gets an index; containers reference children by index, in 1, 2 or 4 bytes.
  const total = countObjects(root);
  const refSize = total < 256 ? 1 : total < 65536 ? 2 : 4;
  const refBytes = (r: number) => {
    const b = Buffer.alloc(refSize);
    b.writeUIntBE(r, 0, refSize);
    return b;
  };
  const add = (v: Value): number => {
    const index = objects.length;
    objects.push(Buffer.alloc(0));
    let body: Buffer;
    if (typeof v === 'boolean') body = Buffer.from([v ? 0x09 : 0x08]);
    else if (typeof v === 'number' && Number.isInteger(v)) body = encodeInt(v);
    else if (typeof v === 'number') {
      body = Buffer.alloc(9);
      body[0] = 0x23;
      body.writeDoubleBE(v, 1);
    } else if (typeof v === 'string') {
      const ascii = /^[\x00-\x7f]*$/.test(v);
      body = ascii
        ? Buffer.concat([lengthMarker(0x50, v.length), Buffer.from(v, 'ascii')])
        : Buffer.concat([lengthMarker(0x60, v.length), Buffer.from(v, 'utf16le').swap16()]);
    } else if (Array.isArray(v)) {
      const refs = v.map(add);
      body = Buffer.concat([lengthMarker(0xa0, refs.length), ...refs.map(refBytes)]);
    } else {
      const keys = Object.keys(v).map(add);
      const values = Object.values(v).map(add);
      body = Buffer.concat([lengthMarker(0xd0, keys.length), ...[...keys, ...values].map(refBytes)]);
    }
    objects[index] = body;
    return index;
  };
  add(root);
  return bplistFile(objects, refSize);
}

/**
 * A bplist00 file around encoded objects: header, objects, a table of 4-byte offsets and the
 * trailer. Objects refer to each other by index in `refSize` bytes; `top` is the root's index.
 */
export function bplistFile(objects: Buffer[], refSize: number, top = 0): Buffer {
  const header = Buffer.from('bplist00', 'ascii');
  const offsets: number[] = [];
  let position = header.length;
  for (const o of objects) {
    offsets.push(position);
    position += o.length;
  }
  const table = Buffer.alloc(offsets.length * 4);
  offsets.forEach((o, i) => table.writeUInt32BE(o, i * 4));
  const trailer = Buffer.alloc(32);
  trailer[6] = 4; // offset int size
  trailer[7] = refSize;
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(BigInt(top), 16);
  trailer.writeBigUInt64BE(BigInt(position), 24);
  return Buffer.concat([header, ...objects, table, trailer]);
}

/** A bplist00 file from raw object bodies (1-byte references), for shapes no writer makes. */
export const rawBplist = (objects: number[][], top = 0): Buffer => bplistFile(objects.map((o) => Buffer.from(o)), 1, top);
