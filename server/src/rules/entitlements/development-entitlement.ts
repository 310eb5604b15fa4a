import type { Rule } from '../types';
import { effectiveEntries, isTrue, topEntry } from '../../dext/entitlements-file';
import { entitlementInfo } from '../../knowledge/entitlements';
import { matchEntry, transportValues } from '../../dext/transport';
import { defaultMaskFor, parsePciMatch } from '../../dext/pci-match';
import { decodedOffsets, sourceSpan } from '../../plist/text-map';
import { USB_DEXT_ENTITLEMENTS } from '../example-projects';

const BEFORE_DISTRIBUTION = 'Apple DTS says it works with development signing only: replace it with the value Apple granted before distribution.';

export const developmentEntitlement: Rule = {
  meta: {
    id: 'development-entitlement',
    defaultSeverity: 'information',
    appliesTo: ['dext-entitlements'],
    fixable: false,
    sources: [
      { ref: 'https://developer.apple.com/library/archive/qa/qa1076/_index.html (`*` is the USB wildcard)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2645-2657 (entitlement dicts re-matched like personalities), 4770 (allow-any: presence)', primary: true },
      { ref: 'apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIBridge.cpp:4514-4515 (mask 0 matches any device)', primary: true },
      { ref: 'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.driverkit.allow-any-userclient-access', primary: true },
      { ref: 'https://developer.apple.com/forums/thread/798049 (Apple DTS: the `*` vendor works with development signing only)', primary: false },
      { ref: 'https://developer.apple.com/forums/thread/795835 (a developer finds no development-only PCI capability on the portal; the profile held only the vendor granted)', primary: false },
    ],
    docs: {
      summary: 'A development value that matches any hardware, or `allow-any-userclient-access`: fine while developing, worth replacing before distribution.',
      what:
        'Reports `idVendor` = `*` in `transport.usb`, a PCI match term with mask `0x00000000` in `transport.pci`, and `allow-any-userclient-access` = `<true/>` (except in audio dexts, which must have it so the Core Audio HAL can connect).',
      why:
        'The provider re-matches itself against the entitlement\'s dicts like a personality (xnu `IOUserServer.cpp`): `*` (QA1076\'s wildcard) and a PCI mask of 0 (IOPCIFamily `IOPCIBridge.cpp`) match any device. Apple DTS says the `*` vendor works with development signing only; for the PCI mask of 0 no Apple source says a profile grants it (developers report no development-only PCI capability on the portal). The approved value is the vendor Apple granted. `allow-any-userclient-access` is an ordinary entitlement (Apple documents it, and AudioDriverKit dexts must have it), tested for presence only: any value, `<false/>` included, lets every app open the dext\'s user clients. This is information, not a mistake.',
      example: '```xml\n<key>idVendor</key>\n<string>*</string>\n```',
      fix: 'Before distribution, replace the value with the one Apple granted (e.g. `<integer>1452</integer>`, `0x000010b5&0x0000FFFF`), usually in a separate Release entitlements file.',
      examples: {
        invalid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<string>*</string>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Driver.entitlements': USB_DEXT_ENTITLEMENTS } }],
      },
    },
  },
  check(context) {
    const { file } = context;
    for (const { transport, dicts } of transportValues(file)) {
      for (const dict of dicts) {
        if (transport.requiredKey === 'idVendor') {
          const value = matchEntry(dict, 'idVendor')?.value;
          if (value?.kind === 'string' && value.text === '*') {
            context.report({ start: value.start, end: value.end, message: `idVendor '*' is the development-only value of '${transport.key}': it matches any USB device. ${BEFORE_DISTRIBUTION}` });
          }
          continue;
        }
        for (const e of dict.entries) {
          const value = e.value;
          if (value?.kind !== 'string' || !Object.prototype.hasOwnProperty.call(transport.keys ?? {}, e.key)) continue;
          const offsets = decodedOffsets(file.text, value);
          for (const term of parsePciMatch(value.text, defaultMaskFor(e.key)).terms) {
            if (!term.explicitMask || term.mask !== 0) continue;
            context.report({
              ...sourceSpan(offsets, value, term.start, term.end),
              message: `${e.key} with mask 0x00000000 in '${transport.key}' matches any PCI device. Unlike USB's '*', no Apple source says a profile grants it for development: before distribution, write the match Apple granted (e.g. 0x000010b5&0x0000FFFF for vendor 0x10b5).`,
            });
          }
        }
      }
    }
    for (const entry of effectiveEntries(file)) {
      const development = entitlementInfo(entry.key)?.developmentValue;
      if (!development || !isTrue(entry.value)) continue; // <false/> (presence still counts) has a rule of its own
      if (development.unlessWith.some((k) => isTrue(topEntry(file, k)?.value))) continue;
      context.report({
        start: entry.value!.start,
        end: entry.value!.end,
        message: `'${entry.key}' ${development.message}`,
      });
    }
  },
};
