import { insertEntryEdit, replaceNodeEdit } from '../../plist/edits';
import { families } from '../../knowledge/families';
import { entryOf } from '../../dext/personalities';
import type { Rule } from '../types';
import { personalityRule } from '../parts';

export const kernelBundleMismatch: Rule = personalityRule({
  meta: {
    id: 'kernel-bundle-mismatch',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOCatalogue.cpp:634-648 (CFBundleIdentifierKernel loaded before matching)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:libkern/c++/OSKext.cpp:3285-3289 (defaults to the personality CFBundleIdentifier)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp:4065-4070 (Couldn\'t alloc class "%s")', primary: true },
      { ref: 'apple-oss-distributions/IOHIDFamily@5efd04c6:AppleUserHIDDrivers/AppleUserHIDDrivers/Info.plist:27-28 (Apple HID dext: com.apple.iokit.IOHIDFamily)', primary: true },
    ],
    docs: {
      summary: '`CFBundleIdentifierKernel` does not name the kext of the family `IOClass`.',
      what: 'Reports a personality whose `IOClass` is a family kernel class implemented outside `com.apple.kpi.iokit` (e.g. `IOUserNetworkEthernet` in `com.apple.iokit.IOSkywalkFamily`) when `CFBundleIdentifierKernel` is absent or names another kext. For the HID kernel classes (`AppleUserHIDDevice`, `AppleUserHIDEventService`, in `com.apple.iokit.IOHIDFamily`, always loaded) `com.apple.kpi.iokit` and an absent key are accepted; only another kext is reported.',
      why: 'IOKit loads the kext named by the personality’s `CFBundleIdentifierKernel` before matching (xnu `IOCatalogue.cpp`; absent, it defaults to the personality’s `CFBundleIdentifier`, `OSKext.cpp`). Unless the family kext is already loaded for another reason, the kernel class does not exist: the kernel logs `Couldn\'t alloc class "<IOClass>"` and the dext never starts. Apple’s own HID dext names `com.apple.iokit.IOHIDFamily`.',
      example: '```xml\n<key>IOClass</key><string>IOUserNetworkEthernet</string>\n<key>CFBundleIdentifierKernel</key><string>com.apple.kpi.iokit</string>\n```',
      fix: 'Set the family’s kext id (quick fix).',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyEthernet</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserNetworkEthernet</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostInterface</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>bInterfaceNumber</key>\n\t\t\t<integer>0</integer>\n\t\t\t<key>bConfigurationValue</key>\n\t\t\t<integer>1</integer>\n\t\t\t<key>CFBundleIdentifierKernel</key>\n\t\t\t<string>com.apple.kpi.iokit</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyEthernet</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserNetworkEthernet</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostInterface</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>bInterfaceNumber</key>\n\t\t\t<integer>0</integer>\n\t\t\t<key>bConfigurationValue</key>\n\t\t\t<integer>1</integer>\n\t\t\t<key>CFBundleIdentifierKernel</key>\n\t\t\t<string>com.apple.iokit.IOSkywalkFamily</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
      },
    },
  },
  check(p, _shared, { file, report }) {
    const family = families().find((f) => f.ioClass === p.ioClass && f.kernelBundle && f.kernelBundle !== 'com.apple.kpi.iokit');
    if (!family) return;
    const entry = entryOf(p, 'CFBundleIdentifierKernel');
    const node = entry?.value;
    const current = node?.kind === 'string' ? node.text.trim() : undefined;
    if (current === family.kernelBundle) return;
    // An always-loaded family (HID): the accepted kexts and an absent key work.
    if (family.kernelBundleAccepted && (current === undefined || family.kernelBundleAccepted.includes(current))) return;
    const xml = `<string>${family.kernelBundle}</string>`;
    report({
      start: (node ?? p.entry.keySpan).start,
      end: (node ?? p.entry.keySpan).end,
      severity: family.verify ? 'warning' : undefined,
      message: `IOClass ${p.ioClass} lives in ${family.kernelBundle}, but CFBundleIdentifierKernel ${current ? `is '${current}'` : 'is missing'} in personality '${p.name}': unless that kext is loaded for another reason, the kernel class is missing ("Couldn't alloc class") and the dext never starts. Set it to ${family.kernelBundle}.`,
      fixes: [{ title: `Set CFBundleIdentifierKernel to ${family.kernelBundle}`, edits: [node ? replaceNodeEdit(node, xml) : insertEntryEdit(file, p.dict, 'CFBundleIdentifierKernel', xml)], isPreferred: true }],
    });
  },
});
