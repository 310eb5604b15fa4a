// The match dicts of a transport entitlement (`transport.usb`, `transport.pci`), as the rules that
// look inside them need them: each dict of the array, and its entries by key.
import type { PlistDict, PlistEntry } from '../plist/types';
import type { WorkspaceFile } from '../workspace/files';
import { topEntry } from './entitlements-file';
import { matchTransports, type TransportInfo } from '../knowledge/entitlements';

export interface TransportValue {
  transport: TransportInfo;
  entry: PlistEntry;
  /** The dicts of the array (empty when the value is not an array). */
  dicts: PlistDict[];
}

/** The match transports present in the file (USB, PCI), with their dicts. */
export function transportValues(file: WorkspaceFile): TransportValue[] {
  const out: TransportValue[] = [];
  for (const transport of matchTransports()) {
    const entry = topEntry(file, transport.key);
    if (!entry?.value) continue;
    const dicts = entry.value.kind === 'array' ? entry.value.items.filter((i): i is PlistDict => i.kind === 'dict') : [];
    out.push({ transport, entry, dicts });
  }
  return out;
}

/** The entry of `key` in a match dict (the last one, which the system reads). */
export { getEntry as matchEntry } from '../plist/values';
