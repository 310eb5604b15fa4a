// Bytes → text for plists: UTF-8 (with or without BOM), UTF-16 LE/BE (by BOM, or by
// `encoding="UTF-16"` and the zero-byte pattern of `<?`), and binary plists recognised by magic.
// Invalid UTF-8 decodes with replacement characters; nothing here throws.

export type PlistEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'binary';

export interface DecodedPlist {
  /** The text without its BOM: every span of the parsed tree is an offset into this text. */
  text: string;
  encoding: PlistEncoding;
  bom: boolean;
}

const BPLIST = [0x62, 0x70, 0x6c, 0x69, 0x73, 0x74]; // "bplist"

export function isBinaryPlist(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && BPLIST.every((b, i) => bytes[i] === b);
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean, skip: number): string {
  const decoder = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { fatal: false });
  return decoder.decode(bytes.subarray(skip, skip + ((bytes.length - skip) & ~1)));
}

export function decodePlistBytes(bytes: Uint8Array): DecodedPlist {
  if (isBinaryPlist(bytes)) return { text: '', encoding: 'binary', bom: false };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes, true, 2), encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16(bytes, false, 2), encoding: 'utf-16be', bom: true };
  // `<?` without a BOM: 3C 00 3F 00 is little-endian, 00 3C 00 3F big-endian.
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return { text: decodeUtf16(bytes, true, 0), encoding: 'utf-16le', bom: false };
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return { text: decodeUtf16(bytes, false, 0), encoding: 'utf-16be', bom: false };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
  return { text, encoding: 'utf-8', bom };
}
