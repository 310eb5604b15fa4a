import { insertEntryEdit } from '../../plist/edits';
import { entryOf } from '../../dext/personalities';
import { personalitySchema, providerGroup, type UsbRow } from '../../knowledge/personalities';
import type { OffsetEdit } from '../../types';
import type { Rule } from '../types';
import { personalityRule } from '../parts';

/** Insertions at the same place (after the dict's last entry) become one edit, in order. */
function mergeInsertions(edits: OffsetEdit[]): OffsetEdit {
  return { start: edits[0]!.start, end: edits[0]!.end, newText: edits.map((e) => e.newText).join('') };
}

/** The row the personality is closest to: most of its keys present, the first row on a tie. */
function nearestRow(rows: UsbRow[], present: Set<string>): UsbRow | undefined {
  let best: UsbRow | undefined;
  let bestCount = -1;
  for (const row of rows) {
    const count = row.keys.filter((k) => present.has(k)).length;
    if (count > bestCount) {
      best = row;
      bestCount = count;
    }
  }
  return best;
}

export const usbMatchingIncomplete: Rule = personalityRule({
  meta: {
    id: 'usb-matching-incomplete',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: "https://developer.apple.com/library/archive/qa/qa1076/_index.html (Tables 1 and 2: the USB matching rows)", primary: true },
    ],
    docs: {
      summary: 'USB matching keys that complete no row of Apple’s matching table for the provider class.',
      what: 'For `IOUSBHostDevice` and `IOUSBHostInterface` personalities that hold USB matching keys, reports when those keys complete none of the rows of Apple QA1076 (`schemas/usb-matching.jsonc`): e.g. `idVendor` + `idProduct` on `IOUSBHostInterface` without `bInterfaceNumber` + `bConfigurationValue`; and interface keys on `IOUSBHostDevice`, which belong to no row. `idProductArray` stands in for `idProduct`.',
      why: 'USB matching only considers complete rows: a personality outside them never matches, and nothing says why.',
      example: '```xml\n<key>IOProviderClass</key><string>IOUSBHostInterface</string>\n<key>idVendor</key><integer>1452</integer>\n<key>idProduct</key><integer>4660</integer>\n```',
      fix: 'Add the missing keys of the intended row. The quick fix inserts them with placeholder values to edit (interface 0, configuration 1).',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyInterface</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostInterface</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyInterface</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostInterface</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>bInterfaceNumber</key>\n\t\t\t<integer>0</integer>\n\t\t\t<key>bConfigurationValue</key>\n\t\t\t<integer>1</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
      },
    },
  },
  check(p, _shared, { file, report }) {
    const schema = personalitySchema();
    const { usb } = schema;
    const spec = providerGroup(p.provider) === 'usb' ? usb.providers[p.provider!] : undefined;
    if (!spec) return;
    const present = new Set(p.dict.entries.map((e) => usb.standIns[e.key] ?? e.key));
    if (!p.dict.entries.some((e) => schema.byKey.get(e.key)?.provider === 'usb')) return;
    const foreign = spec.foreignKeys.filter((k) => present.has(k));
    const complete = spec.rows.some((row) => row.keys.every((k) => present.has(k)));
    if (complete && !foreign.length) return;
    const anchor = entryOf(p, 'IOProviderClass') ?? p.entry;
    if (foreign.length) {
      report({
        start: anchor.keySpan.start,
        end: anchor.keySpan.end,
        message: `Personality '${p.name}' matches ${p.provider} with interface keys (${foreign.join(', ')}): they belong to ${spec.foreignProvider ?? 'another provider class'} personalities, so this one completes no matching row and never matches. Match the interface instead, or keep only device keys.`,
      });
      return;
    }
    const row = nearestRow(spec.rows, present);
    if (!row) return;
    const missing = row.keys.filter((k) => !present.has(k));
    report({
      start: anchor.keySpan.start,
      end: anchor.keySpan.end,
      message: `The USB keys of personality '${p.name}' complete no matching row for ${p.provider}: it never matches. Add ${missing.join(' + ')} (row ${row.keys.join(' + ')}${row.vendorSpecificOnly ? ', vendor-specific class only' : ''}).`,
      fixes: [{
        title: `Insert ${missing.join(', ')} (placeholder values: edit them)`,
        edits: [mergeInsertions(missing.map((k) => insertEntryEdit(file, p.dict, k, `<integer>${usb.placeholders[k] ?? 0}</integer>`)))],
      }],
    });
  },
});
