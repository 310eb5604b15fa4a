// Where PCI match strings live in a file: the dicts of `transport.pci` in a dext's entitlements,
// and the personalities of a dext Info.plist. Used by pci-match-syntax and by hover, so both see
// exactly the same values.
import type { PlistEntry, PlistNode } from '../plist/types';
import { getEntry } from '../plist/values';
import type { FileKind, WorkspaceFile } from '../workspace/files';
import { rootDictOf } from './entitlements-file';
import { transportValues } from './transport';
import { isPciMatchKey } from '../knowledge/entitlements';

/** The entries holding a PCI match value in the file. */
export function pciMatchEntries(file: WorkspaceFile, kind: FileKind | undefined): PlistEntry[] {
  const out: PlistEntry[] = [];
  if (kind === 'dext-entitlements') {
    for (const { transport, dicts } of transportValues(file)) {
      if (!Object.values(transport.keys ?? {}).includes('pci-match')) continue;
      for (const dict of dicts) for (const e of dict.entries) if (isPciMatchKey(e.key) && e.value) out.push(e);
    }
  } else if (kind === 'dext-info-plist') {
    const root = rootDictOf(file);
    const personalities = getEntry(root, 'IOKitPersonalities')?.value;
    if (personalities?.kind !== 'dict') return out;
    for (const p of personalities.entries) out.push(...personalityPciMatchEntries(p));
  }
  return out;
}

/** The entries holding a PCI match value in one entry of `IOKitPersonalities` (any dict, DriverKit or not). */
export function personalityPciMatchEntries(personality: PlistEntry): PlistEntry[] {
  const dict = personality.value;
  return dict?.kind === 'dict' ? dict.entries.filter((e) => isPciMatchKey(e.key) && e.value !== undefined) : [];
}

/** The PCI match entry whose value holds `node`, if any. */
export function pciMatchEntryOf(file: WorkspaceFile, kind: FileKind | undefined, node: PlistNode | undefined): PlistEntry | undefined {
  if (!node) return undefined;
  return pciMatchEntries(file, kind).find((e) => e.value === node);
}
