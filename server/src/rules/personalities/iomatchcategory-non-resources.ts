import { removeEntryEdit } from '../../plist/edits';
import { entryOf, personalities, type PersonalityFacts } from '../../dext/personalities';
import { providerGroup } from '../../knowledge/personalities';
import type { Rule } from '../types';
import { personalityRule } from '../parts';

function categoryOf(p: PersonalityFacts): string {
  const v = entryOf(p, 'IOMatchCategory')?.value;
  return v?.kind === 'string' ? v.text : 'IODefaultMatchCategory';
}

const sum = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);

export const iomatchcategoryNonResources: Rule = personalityRule({
  meta: {
    id: 'iomatchcategory-non-resources',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp:3941-3988 (match categories are independent)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e890dd3c:tests/driverkit/test_intentionally_crashing_driver_56101852/Info.plist:53-58 (IOUserResources + IOMatchCategory)', primary: true },
    ],
    docs: {
      summary: '`IOMatchCategory` on a provider other than `IOResources`/`IOUserResources`.',
      what: 'Reports `IOMatchCategory` in a personality whose `IOProviderClass` is real hardware (USB, PCI…). Real dexts use it on purpose to put two of their services on one device, one category per service: nothing is reported when another personality of the same Info.plist is on the same provider class in another category (no `IOMatchCategory` = the default category), or carries an `IOMatchCategory` of its own with another value (a device personality and an interface personality of one device, as in a USB NIC dext). A leftover `IOResourceMatch` next to it (from the same Xcode template; harmless on hardware, Apple\'s PEX8733 sample sets it on `IOPCIDevice`) is removed by the same quick fix.',
      why: 'Match categories are independent (xnu `IOService.cpp`): with its own category the dext no longer competes with the drivers of the default category, so a system driver matches the same provider beside it, and both drive the device (which one opens it first is not under the dext\'s control). The Xcode DriverKit template ships `IOUserResources` + `IOMatchCategory`, so it gets copied onto real providers.',
      example: '```xml\n<key>IOProviderClass</key><string>IOUSBHostInterface</string>\n<key>IOMatchCategory</key><string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n<key>IOResourceMatch</key><string>IOKit</string>\n```',
      fix: 'Remove the key (quick fix), and `IOResourceMatch` with it.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyInterface</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostInterface</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>bInterfaceNumber</key>\n\t\t\t<integer>0</integer>\n\t\t\t<key>bConfigurationValue</key>\n\t\t\t<integer>1</integer>\n\t\t\t<key>IOMatchCategory</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOResourceMatch</key>\n\t\t\t<string>IOKit</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
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
  // Each personality's report depends on the others' providers and categories: counted once per
  // run, and any personality whose provider or category changes makes every one be checked again.
  summary: (p) => (p ? JSON.stringify([p.provider ?? '', categoryOf(p), !!entryOf(p, 'IOMatchCategory')]) : ''),
  prepare({ file }) {
    // Counts per provider and category, and of explicit categories, so the check stays linear.
    const byProvider = new Map<string, Map<string, number>>();
    const explicit = new Map<string, number>();
    let explicitTotal = 0;
    const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    for (const p of personalities(file)) {
      const providerCounts = byProvider.get(p.provider ?? '') ?? new Map<string, number>();
      byProvider.set(p.provider ?? '', providerCounts);
      bump(providerCounts, categoryOf(p));
      if (entryOf(p, 'IOMatchCategory')) {
        bump(explicit, categoryOf(p));
        explicitTotal++;
      }
    }
    return { byProvider, explicit, explicitTotal };
  },
  check(p, { byProvider, explicit, explicitTotal }, { file, report }) {
    const category = entryOf(p, 'IOMatchCategory');
    if (!category || !p.provider || providerGroup(p.provider) === 'resources') return;
    // Two services of this dext on one device, each in its own category, is deliberate: another
    // personality on the same provider class in another category (no IOMatchCategory = the
    // default category), or another personality with a category of its own.
    const c = categoryOf(p);
    const sameProvider = byProvider.get(p.provider)!;
    if (sum(sameProvider) - (sameProvider.get(c) ?? 0) > 0 || explicitTotal - (explicit.get(c) ?? 0) > 0) return;
    const resourceMatch = entryOf(p, 'IOResourceMatch');
    const edits = [removeEntryEdit(file.document, category)];
    if (resourceMatch) edits.push(removeEntryEdit(file.document, resourceMatch));
    report({
      start: category.keySpan.start,
      end: category.keySpan.end,
      message: `IOMatchCategory on provider ${p.provider} (personality '${p.name}'): a system driver can match the same provider beside the dext (categories are independent). IOMatchCategory belongs to IOResources/IOUserResources personalities. Remove it${resourceMatch ? ' (the quick fix also removes the IOResourceMatch next to it, from the same Xcode template: harmless on hardware, as in Apple\'s PEX8733 sample, but not needed)' : ''}.`,
      fixes: [{ title: resourceMatch ? 'Remove IOMatchCategory and IOResourceMatch' : 'Remove IOMatchCategory', edits, isPreferred: true }],
    });
  },
});
