// Bench group `matching` (issue #17): 1,000 personalities against a generated 5,000-entry
// `ioreg -a` dump (1,000 USB devices with 4 interfaces each). Target: under 200 ms for the match;
// the read of the dump (XML → entries) is reported beside it. Never asserted in tests.
import type { Props, RegistryDump } from '../server/src/matching/dump';
import type { MatchPersonality } from '../server/src/matching/match';
import type * as Measured from './measured';

const DEVICES = 1000;
const INTERFACES_PER_DEVICE = 4;
const PERSONALITIES = 1000;

/** The dump's XML: devices 0x1000+i of vendor 0x2e8a, interfaces 0..3 (class 0xff, 2/2, 10, 3). */
export function generatedDump(): string {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<array>\n'];
  const classes = [[0xff, 0], [2, 2], [10, 0], [3, 1]];
  for (let d = 0; d < DEVICES; d++) {
    const loc = (0x01000000 + d * 0x10000).toString(16).padStart(8, '0');
    parts.push(`<dict><key>IOObjectClass</key><string>IOUSBHostDevice</string><key>IORegistryEntryName</key><string>Device ${d}</string><key>IORegistryEntryLocation</key><string>${loc}</string><key>idVendor</key><integer>${0x2e8a}</integer><key>idProduct</key><integer>${0x1000 + d}</integer><key>bcdDevice</key><integer>256</integer><key>bDeviceClass</key><integer>0</integer><key>IORegistryEntryChildren</key><array>`);
    for (let i = 0; i < INTERFACES_PER_DEVICE; i++) {
      const [cls, sub] = classes[i]!;
      parts.push(`<dict><key>IOObjectClass</key><string>IOUSBHostInterface</string><key>IORegistryEntryName</key><string>Interface ${i}</string><key>IORegistryEntryLocation</key><string>${i}</string><key>bInterfaceNumber</key><integer>${i}</integer><key>bConfigurationValue</key><integer>1</integer><key>bInterfaceClass</key><integer>${cls}</integer><key>bInterfaceSubClass</key><integer>${sub}</integer><key>bInterfaceProtocol</key><integer>0</integer><key>idVendor</key><integer>${0x2e8a}</integer><key>idProduct</key><integer>${0x1000 + d}</integer><key>bcdDevice</key><integer>256</integer></dict>`);
    }
    parts.push('</array></dict>\n');
  }
  parts.push('</array>\n</plist>\n');
  return parts.join('');
}

/** Interface rows (half of them with a product id no device has), device rows and class rows. */
export function generatedPersonalities(): MatchPersonality[] {
  const out: MatchPersonality[] = [];
  for (let i = 0; i < PERSONALITIES; i++) {
    const product = 0x1000 + (i % 2 ? i : DEVICES + i);
    const values: Props =
      i % 10 === 9
        ? { IOProviderClass: 'IOUSBHostInterface', bInterfaceClass: 2, bInterfaceSubClass: 2 }
        : i % 10 === 8
          ? { IOProviderClass: 'IOUSBHostDevice', idVendor: 0x2e8a, idProduct: product }
          : { IOProviderClass: 'IOUSBHostInterface', idVendor: 0x2e8a, idProduct: product, bInterfaceNumber: i % 4, bConfigurationValue: 1 };
    out.push({ name: `P${i}`, values, unresolved: new Set() });
  }
  return out;
}

/** `measured`: the bundle of bench/measured.ts (the shipped build, not tsx's). */
export function benchMatching(measured: typeof Measured, time: (fn: () => void, minRuns?: number, budgetMs?: number) => number, round: (x: number) => number): Record<string, number> {
  const { readRegistryDump, matchPersonality } = measured;
  const xml = generatedDump();
  let dump: RegistryDump | undefined;
  const readMs = time(() => {
    const read = readRegistryDump(xml);
    if (!read.ok) throw new Error(read.error);
    dump = read.dump;
  }, 3, 3000);
  const personalities = generatedPersonalities();
  let matched = 0;
  const matchMs = time(() => {
    matched = 0;
    for (const p of personalities) if (matchPersonality(p, dump!).status === 'matched') matched++;
  }, 3, 3000);
  return { entries: dump!.entries.length, personalities: personalities.length, matched, dump_mb: round(xml.length / 1e6), read_dump_ms: round(readMs), match_all_ms: round(matchMs), target_match_ms: 200 };
}
