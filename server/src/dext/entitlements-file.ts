// Reading an entitlements file: its top-level entries, typed node checks, the value labels that
// messages use. Entitlements are only ever top-level keys of the root dict.
import type { PlistArray, PlistDict, PlistEntry, PlistNode, PlistScalar } from '../plist/types';
import { getEntry } from '../plist/values';
import type { FileKind, WorkspaceFile } from '../workspace/files';

/** The side an entitlements file is on. */
export function sideOfKind(kind: FileKind | undefined): 'dext' | 'app' | undefined {
  return kind === 'dext-entitlements' ? 'dext' : kind === 'app-entitlements' ? 'app' : undefined;
}

export function rootDictOf(file: WorkspaceFile): PlistDict | undefined {
  const root = file.plist.root;
  return root?.kind === 'dict' ? root : undefined;
}

/** The entry the system reads for `key` (the last one, as CFPropertyList keeps it). */
export function topEntry(file: WorkspaceFile, key: string): PlistEntry | undefined {
  return getEntry(rootDictOf(file), key);
}

/** The top-level entries, skipping earlier duplicates (duplicate-key reports those). */
export function effectiveEntries(file: WorkspaceFile): PlistEntry[] {
  const dict = rootDictOf(file);
  if (!dict) return [];
  const last = new Map<string, PlistEntry>();
  for (const e of dict.entries) last.set(e.key, e);
  return dict.entries.filter((e) => last.get(e.key) === e);
}

export function isTrue(node: PlistNode | undefined): boolean {
  return node?.kind === 'true';
}

export function isScalar(node: PlistNode | undefined): node is PlistScalar {
  return !!node && node.kind !== 'dict' && node.kind !== 'array';
}

export function isArrayNode(node: PlistNode | undefined): node is PlistArray {
  return node?.kind === 'array';
}

/** `<string>…</string>` → "a string", for messages. */
export function kindLabel(node: PlistNode): string {
  switch (node.kind) {
    case 'true':
    case 'false':
      return `<${node.kind}/>`;
    case 'integer':
      return 'an integer';
    case 'array':
      return 'an array';
    case 'dict':
      return 'a dict';
    default:
      return `a ${node.kind}`;
  }
}

/** The span of a node's open tag (`<dict>`, `<array>`), for diagnostics about a whole container. */
export function openTagSpan(file: WorkspaceFile, node: PlistNode): { start: number; end: number } {
  const close = file.text.indexOf('>', node.start);
  return { start: node.start, end: close < 0 || close >= node.end ? node.end : close + 1 };
}

/** A string entry's value in an integer-like reading: decimal or 0x-hex digits. */
export function numericString(text: string): number | undefined {
  const t = text.trim();
  if (/^[0-9]+$/.test(t)) return Number(t);
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t.slice(2), 16);
  return undefined;
}

export function hexAndDecimal(n: number): string {
  return `0x${n.toString(16).padStart(4, '0')} (${n})`;
}
