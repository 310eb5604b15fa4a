// Hover on a matching key of a personality (idProduct, an IOPCIMatch string…): what the loaded
// dumps have there, on the entry the personality matches or the closest one.
import type { PlistEntry } from '../plist/types';
import type { WorkspaceFile } from '../workspace/files';
import type { Workspace } from '../workspace/workspace';
import type { RegistryEntry } from './dump';
import { activeVerdicts } from './index';
import { entryLabel, hex, hexDec, intOf, leDataOf } from './values';

const USB_KEYS = new Set(['idVendor', 'idProduct', 'bcdDevice', 'bDeviceClass', 'bDeviceSubClass', 'bDeviceProtocol', 'bInterfaceNumber', 'bConfigurationValue', 'bInterfaceClass', 'bInterfaceSubClass', 'bInterfaceProtocol']);
const PCI_KEYS = new Set(['IOPCIMatch', 'IOPCIPrimaryMatch', 'IOPCISecondaryMatch', 'IOPCIClassMatch']);

/** What an entry has for a key, in one line (undefined: the key says nothing about this entry). */
function dumpValue(entry: RegistryEntry, key: string): string | undefined {
  if (USB_KEYS.has(key) || key === 'idProductArray' || key === 'idProductMask') {
    const k = key === 'idProductArray' || key === 'idProductMask' ? 'idProduct' : key;
    const parent = entry.parent?.className === 'IOUSBHostDevice' ? entry.parent : undefined;
    const n = intOf(entry.props[k] ?? parent?.props[k]);
    return n === undefined ? `no ${k}` : `${k} ${hexDec(n)}`;
  }
  if (PCI_KEYS.has(key)) {
    const v = (name: string) => leDataOf(entry.props[name]);
    const [vendor, device, subVendor, sub, cls] = [v('vendor-id'), v('device-id'), v('subsystem-vendor-id'), v('subsystem-id'), v('class-code')];
    const parts: string[] = [];
    if (vendor !== undefined && device !== undefined) parts.push(`vendor ${hex(vendor & 0xffff)}, device ${hex(device & 0xffff)} (register 0x00 = ${hex((((device & 0xffff) << 16) | (vendor & 0xffff)) >>> 0, 8)})`);
    if (subVendor !== undefined && sub !== undefined) parts.push(`subsystem vendor ${hex(subVendor & 0xffff)}, subsystem ${hex(sub & 0xffff)}`);
    if (cls !== undefined) parts.push(`class code ${hex(cls & 0xffffff, 6)}`);
    return parts.length ? parts.join('; ') : 'no PCI ids';
  }
  const value = entry.props[key];
  return value === undefined ? undefined : `${key} present`;
}

/** Markdown for a hover on `entry` (a key of a personality), or undefined when no dump is loaded. */
export function matchingHover(workspace: Workspace, file: WorkspaceFile, entry: PlistEntry): string | undefined {
  const lines: string[] = [];
  for (const { dump, verdicts } of activeVerdicts(workspace, file)) {
    const v = verdicts.find((x) => x.personality.keys.get(entry.key) === entry);
    if (!v) continue;
    const focus = v.verdict.matches[0] ?? v.verdict.closest;
    if (!focus) {
      lines.push(`- **${dump.source}**: ${v.verdict.notes[0] ?? 'no candidate entry'}`);
      continue;
    }
    const value = dumpValue(focus.entry, entry.key);
    if (value === undefined) continue;
    const how = v.verdict.status === 'matched' ? 'matches' : v.verdict.status === 'no-match' ? 'closest' : 'undecided';
    const difference = focus.differences.find((d) => d.key === entry.key || (entry.key === 'idProduct' && d.key === 'idProductArray'));
    lines.push(`- **${dump.source}** (${how}): ${entryLabel(focus.entry)} has ${value}${difference ? ` — ${difference.message}` : ''}`);
  }
  return lines.length ? `**In the loaded registry dumps**\n\n${lines.join('\n')}` : undefined;
}
