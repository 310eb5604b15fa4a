// Hover in entitlements files: every known key (what it is, where it belongs, development vs
// approved value, source), `idVendor` values in hex and decimal; and, in entitlements and dext
// Info.plists alike, PCI match strings decoded term by term.
import { nodeAt } from '../../plist';
import type { PlistEntry, PlistNode } from '../../plist/types';
import { hexAndDecimal, rootDictOf } from '../../dext/entitlements-file';
import { entitlementInfo, entitlementPrefixes, notEntitlement, pciMatchKeys, transportOfKey } from '../../knowledge/entitlements';
import { defaultMaskFor, describeTerm, parsePciMatch } from '../../dext/pci-match';
import { pciMatchEntryOf } from '../../dext/pci-match-values';
import type { HoverResult, PositionContext } from '../types';
import { entitlementMarkdown } from './key-docs';

function pciHover(entry: PlistEntry, node: PlistNode): HoverResult | undefined {
  const info = pciMatchKeys()[entry.key];
  if (!info) return undefined;
  const lines = [`**${entry.key}**: compares PCI config register ${info.register}, ${info.reads}. A device matches when any term matches.`, ''];
  if (node.kind !== 'string') {
    lines.push('The value must be a `<string>` of hex terms: the kernel misreads other types.');
    return { contents: lines.join('\n'), start: node.start, end: node.end };
  }
  const parsed = parsePciMatch(node.text, defaultMaskFor(entry.key));
  for (const term of parsed.terms) lines.push(`- ${describeTerm(entry.key, term)}`);
  for (const term of parsed.unmatchable) {
    lines.push(`- \`${node.text.slice(term.start, term.end)}\`: never matches (value and mask share a bit above the 32nd; the register is 32 bits)`);
  }
  if (parsed.stoppedAt !== undefined) {
    lines.push('', `The kernel stops reading at \`${node.text[parsed.stoppedAt]}\`: everything after it is ignored.`);
  }
  return { contents: lines.join('\n'), start: node.start, end: node.end };
}

function keyHover(entry: PlistEntry): HoverResult | undefined {
  const span = { start: entry.keySpan.start, end: entry.keySpan.end };
  const info = entitlementInfo(entry.key);
  if (info) return { contents: entitlementMarkdown(info), ...span };
  const bogus = notEntitlement(entry.key);
  if (bogus) return { contents: `**${entry.key}**\n\nNot a documented entitlement. ${bogus.reason}\n\n*Source:* ${bogus.source}`, ...span };
  if (entitlementPrefixes().some((p) => entry.key.startsWith(p))) {
    return { contents: `**${entry.key}**\n\nNot a known DriverKit or system-extension entitlement: the system ignores it.`, ...span };
  }
  return undefined;
}

function vendorHover(node: PlistNode): HoverResult | undefined {
  if (node.kind === 'integer' && typeof node.value === 'number') {
    return { contents: `**idVendor** ${hexAndDecimal(node.value)}: the USB vendor id this match allows (the approved form).`, start: node.start, end: node.end };
  }
  if (node.kind === 'string' && node.text === '*') {
    return { contents: '**idVendor** `*`: any USB vendor. The **development-only** value: works with development signing only; replace it with the integer vendor id Apple granted before distribution.', start: node.start, end: node.end };
  }
  return undefined;
}

export function entitlementHover({ file, workspace, offset }: PositionContext): HoverResult | undefined {
  if (file.plist.binary) return undefined;
  const kind = workspace.kindOf(file);
  const at = nodeAt(file.plist, offset);
  if (at.node && at.entry && at.node === at.entry.value) {
    const pci = pciMatchEntryOf(file, kind, at.node);
    if (pci) return pciHover(pci, at.node);
  }
  if (kind !== 'dext-entitlements' && kind !== 'app-entitlements') return undefined;
  if (at.inKey && at.entry && at.entry.dict === rootDictOf(file)) return keyHover(at.entry);
  const [top, , field] = at.path;
  if (field === 'idVendor' && at.path.length === 3 && at.node && typeof top === 'string' && transportOfKey(top)?.requiredKey === 'idVendor') {
    return vendorHover(at.node);
  }
  return undefined;
}
