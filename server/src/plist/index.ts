// The plist parser's public API.
import { parseBinaryPlistBytes } from './binary';
import { decodePlistBytes } from './decode';
import { parsePlist } from './parser';
import type { PlistDocument } from './types';

export { decodePlistBytes, isBinaryPlist, type DecodedPlist, type PlistEncoding } from './decode';
export { parsePlist } from './parser';
export { parseBinaryPlistBytes } from './binary';
export * from './values';
export type * from './types';

/** Decodes bytes (UTF-8/UTF-16/BOM) and parses them, or decodes a binary plist. */
export function parsePlistBytes(bytes: Uint8Array): PlistDocument {
  const decoded = decodePlistBytes(bytes);
  return decoded.encoding === 'binary' ? parseBinaryPlistBytes(bytes) : parsePlist(decoded.text);
}
