import { insertEntryEdit } from '../../plist/edits';
import { plistFragment } from '../../plist/fragment';
import { classFamily, dextClassesOf } from '../../dext/personality-families';
import { entryOf } from '../../dext/personalities';
import type { Rule, RuleFix } from '../types';
import { personalityRule } from '../parts';

const REQUIRED: Record<string, string> = {
  IOProviderClass: 'the kernel never knows what to match on',
  IOClass: 'the kernel skips the personality: it has no class to attach',
  IOUserServerName: 'the kernel treats it as a kext personality, not a dext one, and launches no dext',
  IOUserClass: 'the kernel logs "DK: no IOUserClass defined for <name>-0x…" and the dext does not know which class to instantiate',
};

export const personalityMissingKey: Rule = personalityRule({
  meta: {
    id: 'personality-missing-key',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp:3926 (a dext personality is one with IOUserServerName), 4056-4060 (no IOClass: skipped)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2913-2918 ("DK: no IOUserClass defined for %s-0x%qx")', primary: true },
      { ref: 'https://developer.apple.com/documentation/bundleresources/information-property-list/iokitpersonalities', primary: true },
    ],
    docs: {
      summary: 'A DriverKit personality lacks `IOProviderClass`, `IOClass`, `IOUserServerName` or `IOUserClass`.',
      what: 'Reports, on the personality’s name, each of the four keys a DriverKit personality needs that it does not have.',
      why: 'Loading happens in two halves: the kernel matches `IOProviderClass` and attaches `IOClass`; then the system launches the dext process named by `IOUserServerName` and instantiates `IOUserClass` in it (xnu `IOService.cpp`, `IOUserServer.cpp`). Without `IOClass` the kernel skips the personality; without `IOUserServerName` it is not a dext personality at all (the kernel classifies personalities by that key); without `IOUserClass` the kernel logs `DK: no IOUserClass defined for <name>-0x…`. In each case the dext never starts.',
      example: '```xml\n<key>MyDevice</key>\n<dict>\n    <key>IOProviderClass</key><string>IOUSBHostDevice</string>\n    <key>IOClass</key><string>IOUserService</string>\n    <key>IOUserClass</key><string>MyDriver</string>\n</dict>\n```',
      fix: 'Add the key. The quick fix inserts `IOUserServerName` = `$(PRODUCT_BUNDLE_IDENTIFIER)`, which Xcode resolves to the dext’s bundle id; for `IOClass` it offers the kernel class of the `IOUserClass`’s family (else `IOUserService`), and for `IOUserClass` the dext’s only service class when there is one.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
      },
    },
  },
  prepare({ file, workspace }) {
    const classes = dextClassesOf(workspace, file);
    // The dext's service classes (user clients are not instantiated by a personality).
    const services = classes.map((c) => classFamily(classes, c.name)!).filter((c) => !c.chain.includes('IOUserClient'));
    return { classes, services };
  },
  check(p, { classes, services }, { file, report }) {
    for (const [key, consequence] of Object.entries(REQUIRED)) {
      if (entryOf(p, key)) continue;
      const insert = (value: string, title: string, isPreferred = false): RuleFix => ({ title, edits: [insertEntryEdit(file, p.dict, key, plistFragment(value))], isPreferred });
      const fixes: RuleFix[] = [];
      if (key === 'IOUserServerName') fixes.push(insert('$(PRODUCT_BUNDLE_IDENTIFIER)', 'Insert IOUserServerName = $(PRODUCT_BUNDLE_IDENTIFIER)', true));
      if (key === 'IOUserClass' && services.length === 1) fixes.push(insert(services[0]!.cls.name, `Insert IOUserClass = ${services[0]!.cls.name} (the dext's only service class)`));
      if (key === 'IOClass') {
        // The kernel class of the IOUserClass's family when the dext's .iig says; else the generic one.
        const kernelClass = (p.userClass ? classFamily(classes, p.userClass)?.family?.ioClass : undefined) ?? 'IOUserService';
        fixes.push(insert(kernelClass, `Insert IOClass = ${kernelClass}`));
      }
      report({
        start: p.entry.keySpan.start,
        end: p.entry.keySpan.end,
        message: `Personality '${p.name}' has no ${key}: ${consequence}. Add it.`,
        fixes,
      });
    }
  },
});
