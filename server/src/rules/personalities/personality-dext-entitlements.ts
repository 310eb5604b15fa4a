import { describeRequirement, entitlementRequirement, satisfies } from '../../dext/entitlement-requirement';
import { entryOf } from '../../dext/personalities';
import { basename } from '../../workspace/uri';
import type { Rule } from '../types';
import { LEGACY_USB_DEXT_ENTITLEMENTS } from '../example-projects';
import { personalityRule } from '../parts';

export const personalityDextEntitlements: Rule = personalityRule({
  meta: {
    id: 'personality-dext-entitlements',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: false,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2687-2692 (IOUserServer::checkEntitlements: the dext service\'s own IOServiceDEXTEntitlements against the dext, "family entitlements check failed")', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2607-2664 (presence of each key; string, alternatives, all-of arrays)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp:4933-4940 (IOService::startCandidate: exit("Entitlements check failed"))', primary: true },
    ],
    docs: {
      summary: '`IOServiceDEXTEntitlements` at a personality’s top level names entitlements none of the dext’s entitlements files has.',
      what: 'Reports `IOServiceDEXTEntitlements` written at the top level of a personality whose `IOClass` is `IOUserService` when none of the dext’s entitlements files (those its target signs with, or those of its folder) satisfies it: a string, or an array of alternatives whose elements are strings or arrays of strings that are all required. Silent when the dext has no known entitlements file, for other kernel classes (a family class may set its own value), and when a name is a build variable.',
      why: 'At the personality’s top level the key becomes a property of the dext’s own service, and the kernel checks it against **the dext** when the service starts: without those entitlements the dext is refused (`family entitlements check failed`) and its process is told to exit. It does not restrict apps; the key that does is the one inside `UserClientProperties`.',
      example: '```xml\n<key>IOServiceDEXTEntitlements</key>\n<array>\n    <string>com.example.driver-client</string>\n</array>\n<key>UserClientProperties</key>\n<dict>…</dict>\n```',
      fix: 'To require entitlements of apps that open the user client, move the key into `UserClientProperties`; to require them of the dext, add them to its entitlements.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>IOServiceDEXTEntitlements</key>\n\t\t\t<array>\n\t\t\t\t<string>com.example.driver-client</string>\n\t\t\t</array>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
              'Driver/Driver.entitlements': LEGACY_USB_DEXT_ENTITLEMENTS,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>UserClientProperties</key>\n\t\t\t<dict>\n\t\t\t\t<key>IOClass</key>\n\t\t\t\t<string>IOUserUserClient</string>\n\t\t\t\t<key>IOUserClass</key>\n\t\t\t\t<string>MyUserClient</string>\n\t\t\t\t<key>IOServiceDEXTEntitlements</key>\n\t\t\t\t<array>\n\t\t\t\t\t<string>com.example.driver-client</string>\n\t\t\t\t</array>\n\t\t\t</dict>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
              'Driver/Driver.entitlements': LEGACY_USB_DEXT_ENTITLEMENTS,
            },
          },
        ],
      },
    },
  },
  prepare({ file, workspace }) {
    const files = workspace.dextOf(file)?.entitlements ?? [];
    return files.length ? files : undefined;
  },
  check(p, files, { report }) {
    if (p.ioClass !== 'IOUserService') return;
    const entry = entryOf(p, 'IOServiceDEXTEntitlements');
    const requirement = entitlementRequirement(entry?.value);
    if (!entry || !requirement || files.some((f) => satisfies(f, requirement))) return;
    report({
      start: entry.keySpan.start,
      end: entry.keySpan.end,
      message: `IOServiceDEXTEntitlements at the top level of personality '${p.name}' is checked against the dext itself when its service starts, and none of its entitlements files (${files.map((f) => basename(f.path)).join(', ')}) has ${describeRequirement(requirement)}: the kernel refuses the dext ("family entitlements check failed"). To require entitlements of apps opening the user client, move it into UserClientProperties.`,
      related: files.map((f) => ({ uri: f.uri, start: 0, end: 0, message: `entitlements of the dext: ${basename(f.path)}` })),
    });
  },
});
