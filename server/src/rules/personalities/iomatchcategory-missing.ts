import { insertEntryEdit } from '../../plist/edits';
import { plistFragment } from '../../plist/fragment';
import { entryOf } from '../../dext/personalities';
import { providerGroup } from '../../knowledge/personalities';
import type { Rule } from '../types';
import { personalityRule } from '../parts';

export const iomatchcategoryMissing: Rule = personalityRule({
  meta: {
    id: 'iomatchcategory-missing',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: "apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp:3941-3988 (match categories)", primary: true },
      { ref: "apple-oss-distributions/xnu@e890dd3c:tests/driverkit/test_intentionally_crashing_driver_56101852/Info.plist:53-58 (IOUserResources + IOMatchCategory)", primary: true },
    ],
    docs: {
      summary: 'Provider `IOResources`/`IOUserResources` without `IOMatchCategory`.',
      what: 'Reports a personality on the resources nub (`IOResources` or `IOUserResources`) that has no `IOMatchCategory`. A dext personality on `IOResources` is left to `dext-on-ioresources`: the kernel never attaches it there.',
      why: 'Match categories are exclusive per provider: a driver attached in a category keeps every other driver of that category off the same nub (xnu `IOService.cpp`). Without a private category the driver takes the resources nub\'s default category and competes with every other driver that matches it: one of them does not load.',
      example: '```xml\n<key>IOProviderClass</key><string>IOUserResources</string>\n<key>IOClass</key><string>IOUserService</string>\n```',
      fix: 'Add `IOMatchCategory` with a private value; by convention the `IOClass` (quick fix) or the bundle id.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyVirtualDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUserResources</string>\n\t\t\t<key>IOResourceMatch</key>\n\t\t\t<string>IOKit</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyVirtualDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUserResources</string>\n\t\t\t<key>IOResourceMatch</key>\n\t\t\t<string>IOKit</string>\n\t\t\t<key>IOMatchCategory</key>\n\t\t\t<string>IOUserService</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
      },
    },
  },
  check(p, _shared, { file, report }) {
    if (providerGroup(p.provider) !== 'resources' || entryOf(p, 'IOMatchCategory')) return;
    // A dext personality on IOResources is never attached (startCandidate), so it holds no category:
    // dext-on-ioresources reports it.
    if (p.provider === 'IOResources' && entryOf(p, 'IOUserServerName')) return;
    const value = p.ioClass ?? '$(PRODUCT_BUNDLE_IDENTIFIER)';
    report({
      start: p.entry.keySpan.start,
      end: p.entry.keySpan.end,
      message: `Personality '${p.name}' matches ${p.provider} without IOMatchCategory: it claims the resources nub exclusively and competes with every other resources driver. Add IOMatchCategory with a private value (e.g. ${value}).`,
      fixes: [{ title: `Insert IOMatchCategory = ${value}`, edits: [insertEntryEdit(file, p.dict, 'IOMatchCategory', plistFragment(value))], isPreferred: true }],
    });
  },
});
