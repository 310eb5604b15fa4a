// The development-only transport configuration (driverkit.md §5): recognising it, and the one edit
// that adds it to a dext's entitlements, shared by the quick fixes (transport-shape, transport-empty,
// dext-missing-transport) and the "Add USB/PCI development configuration" code action.
import type { PlistDict } from '../plist/types';
import { getEntry } from '../plist/values';
import type { OffsetEdit } from '../types';
import type { WorkspaceFile } from '../workspace/files';
import { rootDictOf, topEntry } from './entitlements-file';
import type { TransportInfo } from '../knowledge/entitlements';
import { indentAt, indentFragment, insertEntryEdit, layoutOf } from '../plist/edits';
import { plistFragment } from '../plist/fragment';
import { appendArrayItemEdit, replaceWithFragmentEdit } from '../plist/value-edits';
import { defaultMaskFor, parsePciMatch } from './pci-match';

function stringValue(dict: PlistDict, key: string): string | undefined {
  const node = getEntry(dict, key)?.value;
  return node?.kind === 'string' ? node.text : undefined;
}

/** Whether a PCI match string has a term with mask 0: it matches any device. */
export function isAnyDeviceMatch(key: string, text: string): boolean {
  return parsePciMatch(text, defaultMaskFor(key)).terms.some((t) => t.explicitMask && t.mask === 0);
}

/** A match dict holding the development-only value: USB `idVendor` `*`, PCI mask 0. */
export function isDevelopmentMatch(transport: TransportInfo, dict: PlistDict): boolean {
  if (transport.requiredKey === 'idVendor') return stringValue(dict, 'idVendor') === '*';
  const primary = stringValue(dict, 'IOPCIPrimaryMatch');
  return primary !== undefined && isAnyDeviceMatch('IOPCIPrimaryMatch', primary);
}

/**
 * The edit that gives the file the development configuration of `transport`: inserts the key when
 * it is missing, replaces a value that is not a list of matches (`<true/>`, an empty array), or adds
 * the development dict to a list of approved matches. Undefined when the file already has it (never
 * duplicates the key) or has no root dict.
 */
export function developmentConfigurationEdit(file: WorkspaceFile, transport: TransportInfo): OffsetEdit | undefined {
  const root = rootDictOf(file);
  if (!root || !transport.developmentMatch || file.plist.binary) return undefined;
  const configuration = plistFragment([transport.developmentMatch]);
  const entry = topEntry(file, transport.key);
  if (!entry) return insertEntryEdit(file, root, transport.key, configuration);
  const value = entry.value;
  if (!value) {
    // A half-typed entry (`<key>…</key>` and no value yet): the value goes right after the key.
    const { unit, newline } = layoutOf(file);
    const indent = indentAt(file, entry.keySpan.start);
    const fragment = indentFragment(configuration, indent, newline, unit);
    return { start: entry.keySpan.end, end: entry.keySpan.end, newText: `${newline}${indent}${fragment}` };
  }
  if (value.kind !== 'array' || value.items.length === 0) return replaceWithFragmentEdit(file, value, configuration);
  if (value.items.some((item) => item.kind === 'dict' && isDevelopmentMatch(transport, item))) return undefined;
  return appendArrayItemEdit(file, value, plistFragment(transport.developmentMatch));
}
