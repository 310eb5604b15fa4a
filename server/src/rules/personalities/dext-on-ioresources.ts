import { replaceNodeEdit } from '../../plist/edits';
import { entryOf } from '../../dext/personalities';
import type { Rule } from '../types';
import { personalityRule } from '../parts';

export const dextOnIoresources: Rule = personalityRule({
  meta: {
    id: 'dext-on-ioresources',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp:4803-4808 (IOService::startCandidate: `if (obj && (this == gIOResources)) ok = false`)', primary: true },
    ],
    docs: {
      summary: 'A dext personality matches `IOResources`: the kernel never attaches it (`IOUserResources` is the DriverKit nub).',
      what: 'Reports `IOProviderClass` = `IOResources` in a personality that has `IOUserServerName` (the key that makes it a dext personality for the kernel).',
      why: 'When a personality with `IOUserServerName` has matched the kernel’s resources nub `IOResources`, `IOService::startCandidate` refuses to attach it: the dext is never launched, and nothing is logged. DriverKit drivers without hardware attach to `IOUserResources` instead.',
      example: '```xml\n<key>IOProviderClass</key>\n<string>IOResources</string>\n<key>IOUserServerName</key>\n<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n```',
      fix: 'Use `IOUserResources` (quick fix), with an `IOMatchCategory` of its own and `IOResourceMatch` = `IOKit`, as the Xcode DriverKit template does.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyVirtualDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOResources</string>\n\t\t\t<key>IOMatchCategory</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOResourceMatch</key>\n\t\t\t<string>IOKit</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyVirtualDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUserResources</string>\n\t\t\t<key>IOMatchCategory</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOResourceMatch</key>\n\t\t\t<string>IOKit</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
      },
    },
  },
  check(p, _shared, { report }) {
    if (p.provider !== 'IOResources' || !entryOf(p, 'IOUserServerName')) return;
    const node = entryOf(p, 'IOProviderClass')!.value!;
    report({
      start: node.start,
      end: node.end,
      message: `Personality '${p.name}' is a dext personality on IOResources: the kernel refuses to attach a dext to IOResources, so it never launches. DriverKit drivers without hardware use IOUserResources.`,
      fixes: [{ title: 'Use IOUserResources', edits: [replaceNodeEdit(node, '<string>IOUserResources</string>')], isPreferred: true }],
    });
  },
});
