import { getEntry } from '../../plist';
import { isDriverKitPersonality } from '../../workspace/classify';
import { infoRoot, rootTagSpan } from '../../dext/personalities';
import type { Rule } from '../types';
import { DEVICE_DEXT_INFO_PLIST, ONE_DRIVER_TARGET_PROJECT } from '../example-projects';

export const dextNoPersonalities: Rule = {
  meta: {
    id: 'dext-no-personalities',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: false,
    sources: [
      { ref: "https://developer.apple.com/documentation/bundleresources/information-property-list/iokitpersonalities", primary: true },
      { ref: "apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp:3926 (a dext personality has IOUserServerName)", primary: true },
    ],
    docs: {
      summary: 'A driverkit target’s `Info.plist` without `IOKitPersonalities`, or with none that is a DriverKit personality.',
      what: 'Reports the Info.plist of a target with `SDKROOT = driverkit` (from `project.pbxproj`) that has no `IOKitPersonalities` dictionary, or only personalities without `IOUserServerName`/`IOUserClass` (classic kext ones).',
      why: 'A dext loads only through a personality that matches: without one it installs and never runs.',
      example: '```xml\n<dict>\n    <key>OSBundleUsageDescription</key><string>…</string>\n</dict>\n```',
      fix: 'Add a personality: the editor’s “Add personality” code actions (on `IOKitPersonalities`, or anywhere in a file without it) insert a USB interface, USB device, PCI, HID event service or `IOUserResources` personality for the dext’s own classes.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n</dict>\n</plist>\n',
              'MyDriver.xcodeproj/project.pbxproj': ONE_DRIVER_TARGET_PROJECT,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': DEVICE_DEXT_INFO_PLIST,
              'MyDriver.xcodeproj/project.pbxproj': ONE_DRIVER_TARGET_PROJECT,
            },
          },
        ],
      },
    },
  },
  check({ file, report }) {
    const root = infoRoot(file);
    if (!root) return;
    const list = getEntry(root, 'IOKitPersonalities');
    const value = list?.value;
    if (value?.kind === 'dict' && value.entries.some((e) => e.value?.kind === 'dict' && isDriverKitPersonality(e.value))) return;
    const at = list?.keySpan ?? rootTagSpan(root);
    report({
      start: at.start,
      end: at.end,
      message: list
        ? 'IOKitPersonalities holds no DriverKit personality (none has IOUserServerName or IOUserClass): the dext never matches. Add one.'
        : 'This dext Info.plist has no IOKitPersonalities: the dext installs and never matches anything. Add a personality.',
    });
  },
};
