import { insertEntryEdit } from '../util/plist-edits';
import { entryOf, personalities, personalitySchema } from '../util/personalities';
import type { OffsetEdit } from '../../types';
import type { Rule } from '../types';

/** Insertions at the same place (after the dict's last entry) become one edit, in order. */
function mergeInsertions(edits: OffsetEdit[]): OffsetEdit {
  return { start: edits[0]!.start, end: edits[0]!.end, newText: edits.map((e) => e.newText).join('') };
}

export const usbMatchingIncomplete: Rule = {
  meta: {
    id: 'usb-matching-incomplete',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    fixable: true,
    docs: {
      summary: 'USB matching keys that complete no row of Apple’s matching table for the provider class.',
      what: 'For `IOUSBHostDevice` and `IOUSBHostInterface` personalities, reports when the USB keys present complete none of the rows of Apple QA1076 (driverkit.md §7): e.g. `idVendor` + `idProduct` on `IOUSBHostInterface` without `bInterfaceNumber` + `bConfigurationValue`, or interface keys on `IOUSBHostDevice`. `idProductArray` stands in for `idProduct`.',
      why: 'USB matching only considers complete rows: a personality outside them never matches, and nothing says why.',
      example: '```xml\n<key>IOProviderClass</key><string>IOUSBHostInterface</string>\n<key>idVendor</key><integer>1452</integer>\n<key>idProduct</key><integer>4660</integer>\n```',
      fix: 'Add the missing keys of the intended row. The quick fix inserts them with placeholder values to edit (interface 0, configuration 1).',
    },
  },
  check({ file, report }) {
    const schema = personalitySchema();
    for (const p of personalities(file)) {
      if (!p.provider || !schema.usbProviders.includes(p.provider)) continue;
      const present = new Set(p.dict.entries.map((e) => (e.key === 'idProductArray' ? 'idProduct' : e.key)));
      const rows = schema.usbRows[p.provider] ?? [];
      const usbKeys = schema.keys.filter((k) => k.provider === 'usb').map((k) => k.key);
      if (!usbKeys.some((k) => present.has(k))) continue;
      const misplaced = p.provider === 'IOUSBHostDevice' ? schema.usbInterfaceKeys.filter((k) => present.has(k)) : [];
      if (rows.some((row) => row.every((k) => present.has(k))) && !misplaced.length) continue;
      // The row the personality is closest to: the one with most keys present.
      const best = [...rows].sort((a, b) => b.filter((k) => present.has(k)).length - a.filter((k) => present.has(k)).length)[0] ?? [];
      const missing = best.filter((k) => !present.has(k));
      const anchor = entryOf(p, 'IOProviderClass') ?? p.entry;
      const placeholder = (k: string) => (k === 'bConfigurationValue' ? 1 : 0);
      report({
        start: anchor.keySpan.start,
        end: anchor.keySpan.end,
        message: misplaced.length
          ? `Personality '${p.name}' matches ${p.provider} with interface keys (${misplaced.join(', ')}): they belong to IOUSBHostInterface personalities, and this one never matches. Match the interface instead, or use device keys.`
          : `The USB keys of personality '${p.name}' complete no matching row for ${p.provider}: it never matches. Add ${missing.join(' + ')} (e.g. ${best.join(' + ')}).`,
        fixes:
          !misplaced.length && missing.length
            ? [{ title: `Insert ${missing.join(', ')} (placeholder values: edit them)`, edits: [mergeInsertions(missing.map((k) => insertEntryEdit(file.text, p.dict, k, `<integer>${placeholder(k)}</integer>`)))] }]
            : [],
      });
    }
  },
};
