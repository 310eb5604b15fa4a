import type { Rule } from '../types';
import { effectiveEntries, isTrue, topEntry } from '../../dext/entitlements-file';
import { entitlementInfo } from '../../knowledge/entitlements';
import { matchEntry, transportValues } from '../../dext/transport';
import { defaultMaskFor, parsePciMatch } from '../../dext/pci-match';
import { decodedOffsets, sourceSpan } from '../../plist/text-map';

const BEFORE_DISTRIBUTION = 'It works with development signing only: replace it with the approved value before distribution (a distribution-signed build with it fails).';

export const developmentEntitlement: Rule = {
  meta: {
    id: 'development-entitlement',
    defaultSeverity: 'information',
    appliesTo: ['dext-entitlements'],
    fixable: false,
    docs: {
      summary: 'A development-only entitlement value: fine while developing, must be replaced before distribution.',
      what:
        'Reports the development-only values: `idVendor` = `*` in `transport.usb`, a PCI match term with mask `0x00000000` in `transport.pci`, and `allow-any-userclient-access` = `true` (except in audio dexts, which need it so the Core Audio HAL can connect).',
      why:
        'Development variants exist for the DriverKit entitlements: they work on any paid account, only in development-signed builds, and match any hardware. A project therefore lives with two variants, and a distribution build that still carries the development value fails to sign or to load. This is information, not a mistake.',
      example: '```xml\n<key>idVendor</key>\n<string>*</string>\n```',
      fix: 'Before distribution, replace the value with the one Apple granted (e.g. `<integer>1452</integer>`, `0x000010b5&0x0000FFFF`), usually in a separate Release entitlements file.',
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
              message: `${e.key} with mask 0x00000000 is the development-only value of '${transport.key}': it matches any PCI device. ${BEFORE_DISTRIBUTION}`,
            });
          }
        }
      }
    }
    for (const entry of effectiveEntries(file)) {
      const development = entitlementInfo(entry.key)?.developmentValue;
      if (!development || !isTrue(entry.value)) continue;
      if (development.unlessWith.some((k) => isTrue(topEntry(file, k)?.value))) continue;
      context.report({
        start: entry.value!.start,
        end: entry.value!.end,
        message: `'${entry.key}' ${development.message}`,
      });
    }
  },
};
