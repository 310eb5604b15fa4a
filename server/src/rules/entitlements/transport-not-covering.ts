import type { Rule, RuleContext } from '../types';
import { dextContextOf, type DextContext } from '../../dext/context';
import { isDevelopmentMatch } from '../../dext/development-transport';
import { hexAndDecimal } from '../../dext/entitlements-file';
import { transportValues, matchEntry, type TransportValue } from '../../dext/transport';
import { defaultMaskFor, parsePciMatch, termAllowsVendor, vendorOfTerm, type PciMatchTerm } from '../../dext/pci-match';
import { decodedOffsets, sourceSpan } from '../../plist/text-map';
import { USB_DEXT_ENTITLEMENTS, USB_DEXT_INFO_PLIST } from '../example-projects';

/** Personality keys whose terms compare the device's vendor id (register 0x00). */
const VENDOR_KEYS = ['IOPCIPrimaryMatch', 'IOPCIMatch'];

interface Uncovered {
  vendor: number;
  personality: string;
  where: { start: number; end: number };
}

/** The granted USB vendors, or undefined when the list cannot be judged (development value, bad entries). */
function grantedUsbVendors(value: TransportValue): Set<number> | undefined {
  const vendors = new Set<number>();
  for (const dict of value.dicts) {
    if (isDevelopmentMatch(value.transport, dict)) return undefined;
    const v = matchEntry(dict, 'idVendor')?.value;
    if (v?.kind !== 'integer' || typeof v.value !== 'number') return undefined; // usb-vendor-type / transport-shape
    vendors.add(v.value);
  }
  return vendors;
}

function grantedPciTerms(value: TransportValue): PciMatchTerm[] | undefined {
  const terms: PciMatchTerm[] = [];
  for (const dict of value.dicts) {
    if (isDevelopmentMatch(value.transport, dict)) return undefined;
    const v = matchEntry(dict, 'IOPCIPrimaryMatch')?.value;
    if (v?.kind !== 'string') return undefined;
    const parsed = parsePciMatch(v.text, defaultMaskFor('IOPCIPrimaryMatch'));
    if (parsed.problems.length) return undefined; // pci-match-syntax
    terms.push(...parsed.terms);
  }
  return terms;
}

function uncoveredUsb(dext: DextContext, value: TransportValue): Uncovered[] {
  const granted = grantedUsbVendors(value);
  if (!granted) return [];
  return dext.personalities
    .filter((p) => p.provider && value.transport.providers.includes(p.provider) && p.idVendor && !granted.has(p.idVendor.value))
    .map((p) => ({ vendor: p.idVendor!.value, personality: p.name, where: p.idVendor!.node }));
}

function uncoveredPci(dext: DextContext, value: TransportValue): Uncovered[] {
  const granted = grantedPciTerms(value);
  if (!granted) return [];
  const out: Uncovered[] = [];
  for (const p of dext.personalities) {
    if (!p.provider || !value.transport.providers.includes(p.provider)) continue;
    for (const { key, node } of p.pciMatches) {
      if (!VENDOR_KEYS.includes(key)) continue;
      const offsets = decodedOffsets(dext.infoPlist.text, node);
      for (const term of parsePciMatch(node.text, defaultMaskFor(key)).terms) {
        const vendor = vendorOfTerm(term);
        if (typeof vendor !== 'number' || granted.some((g) => termAllowsVendor(g, vendor))) continue;
        if (out.some((u) => u.vendor === vendor && u.personality === p.name)) continue;
        out.push({ vendor, personality: p.name, where: sourceSpan(offsets, node, term.start, term.end) });
      }
    }
  }
  return out;
}

function report(context: RuleContext, dext: DextContext, value: TransportValue, list: Uncovered[]): void {
  for (const u of list) {
    context.report({
      start: value.entry.keySpan.start,
      end: value.entry.keySpan.end,
      message: `The personality '${u.personality}' matches ${value.transport.name} vendor ${hexAndDecimal(u.vendor)}, which '${value.transport.key}' does not list: the kernel refuses the dext on that device ("provider entitlements check failed"). Request that vendor from Apple and add it, or match only the vendors you were granted.`,
      related: [{ uri: dext.infoPlist.uri, start: u.where.start, end: u.where.end, message: `vendor ${hexAndDecimal(u.vendor)} in '${u.personality}'` }],
    });
  }
}

export const transportNotCovering: Rule = {
  meta: {
    id: 'transport-not-covering',
    defaultSeverity: 'error',
    appliesTo: ['dext-entitlements'],
    fixable: false,
    sources: [
      { ref: "apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIDevice.cpp:870-889 (the device matched against each transport.pci dict)", primary: true },
      { ref: "apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2645-2657 (the provider re-matches the entitlement values)", primary: true },
      { ref: "https://developer.apple.com/library/archive/qa/qa1076/_index.html (USB matching values)", primary: true },
    ],
    docs: {
      summary: 'A personality matches a vendor that the transport entitlement does not list.',
      what:
        'Compares the personalities of the dext\'s `Info.plist` with this entitlements file: a USB personality\'s `idVendor`, or the vendor id of a PCI personality\'s `IOPCIPrimaryMatch`/`IOPCIMatch` terms (low 16 bits), must be allowed by a dict of `transport.usb` / `transport.pci`. Silent when the development value (`*`, mask 0) is present, when the transport value is the legacy `<true/>` or malformed (other rules report those), and when the dext\'s Info.plist is not known for sure.',
      why:
        'The kernel matches the device against the dext\'s transport entitlement before the dext starts. A personality for a vendor the entitlement does not list loads nothing on that device, with only "provider entitlements check failed" in the kernel log; it works in development (with `*`) and fails once the approved values are in. Seen: an approved profile that lists only one of the two vendor ids a dext matches.',
      example: '```xml\n<!-- Info.plist: idVendor = 1452 -->\n<key>com.apple.developer.driverkit.transport.usb</key>\n<array>\n    <dict>\n        <key>idVendor</key>\n        <integer>1356</integer>\n    </dict>\n</array>\n```',
      fix: 'Request the vendor id from Apple and add a dict for it, or remove the personality for that vendor. No automatic fix: the list must match what Apple granted.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1356</integer>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n',
              'Driver/Info.plist': USB_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Driver.entitlements': USB_DEXT_ENTITLEMENTS,
              'Driver/Info.plist': USB_DEXT_INFO_PLIST,
            },
          },
        ],
      },
    },
  },
  check(context) {
    const { file, workspace } = context;
    const dext = dextContextOf(workspace, file);
    if (!dext || !dext.personalities.length) return;
    for (const value of transportValues(file)) {
      if (value.entry.value?.kind !== 'array' || !value.dicts.length || value.dicts.length !== value.entry.value.items.length) continue;
      const list = value.transport.requiredKey === 'idVendor' ? uncoveredUsb(dext, value) : uncoveredPci(dext, value);
      report(context, dext, value, list);
    }
  },
};
