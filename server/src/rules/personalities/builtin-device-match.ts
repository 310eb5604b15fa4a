import { entryOf } from '../../dext/personalities';
import { builtinDevicesInfo } from '../../knowledge/entitlements';
import { providerGroup } from '../../knowledge/personalities';
import { getEntry } from '../../plist';
import type { PlistDict, PlistEntry } from '../../plist/types';
import { topEntry } from '../../dext/entitlements-file';
import type { Rule } from '../types';
import { personalityRule } from '../parts';

/** The `IOPropertyMatch` dicts of a personality (one dict, or an array of alternatives). */
function propertyMatchDicts(entry: PlistEntry | undefined): PlistDict[] {
  const value = entry?.value;
  if (value?.kind === 'dict') return [value];
  if (value?.kind === 'array') return value.items.filter((i): i is PlistDict => i.kind === 'dict');
  return [];
}

export const builtinDeviceMatch: Rule = personalityRule({
  meta: {
    id: 'builtin-device-match',
    defaultSeverity: 'information',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: false,
    sources: [
      { ref: 'apple-oss-distributions/IOHIDFamily@54716733:IOHIDFamily/IOHIDInterface.cpp:978-1013 (IOHIDInterface::setRequiredDextEntitlements)', primary: true },
      { ref: 'apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIDevice.cpp:890-901 (IOPCIDevice::matchPropertyTable, "built-in")', primary: true },
    ],
    docs: {
      summary: 'A personality whose `IOPropertyMatch` only matches built-in devices, which require Apple’s internal `driverkit.builtin` entitlement.',
      what: 'Reports a personality on `IOHIDInterface` whose `IOPropertyMatch` requires `Built-In` = `<true/>`, or on `IOPCIDevice` whose `IOPropertyMatch` requires the `built-in` property, unless one of the dext’s entitlements files has `com.apple.developer.driverkit.builtin`.',
      why: 'IOHIDFamily requires `transport.hid` **and** `com.apple.developer.driverkit.builtin` of a dext on a built-in HID interface; IOPCIFamily refuses the entitlement match of a built-in PCI device unless `transport.pci` lists `driverkit.builtin`. Apple does not grant that entitlement to third parties, so such a personality never gets its device.',
      example: '```xml\n<key>IOProviderClass</key><string>IOHIDInterface</string>\n<key>IOPropertyMatch</key>\n<dict>\n    <key>Built-In</key>\n    <true/>\n</dict>\n```',
      fix: 'Match external devices (drop the built-in property from `IOPropertyMatch`); built-in Apple devices are served by Apple’s own drivers.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyKeyboard</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>AppleUserHIDEventService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOHIDInterface</string>\n\t\t\t<key>IOPropertyMatch</key>\n\t\t\t<dict>\n\t\t\t\t<key>Built-In</key>\n\t\t\t\t<true/>\n\t\t\t</dict>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyKeyboard</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>AppleUserHIDEventService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOHIDInterface</string>\n\t\t\t<key>IOPropertyMatch</key>\n\t\t\t<dict>\n\t\t\t\t<key>Built-In</key>\n\t\t\t\t<false/>\n\t\t\t</dict>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
      },
    },
  },
  prepare({ file, workspace }) {
    const info = builtinDevicesInfo();
    const entitled = (workspace.dextOf(file)?.entitlements ?? []).some((f) => topEntry(f, info.entitlement));
    return entitled ? undefined : info;
  },
  check(p, info, { report }) {
    const group = providerGroup(p.provider);
    const marker = info.providers.find((m) => m.group === group);
    if (!marker) return;
    for (const dict of propertyMatchDicts(entryOf(p, 'IOPropertyMatch'))) {
      const entry = getEntry(dict, marker.property);
      if (!entry?.value) continue;
      if (marker.value !== undefined && entry.value.kind !== (marker.value ? 'true' : 'false')) continue;
      report({
        start: entry.keySpan.start,
        end: entry.value.end,
        message: `Personality '${p.name}' only matches built-in devices (IOPropertyMatch ${marker.property}): the ${p.provider} provider then also requires '${info.entitlement}', which Apple does not grant to third parties, so the dext never gets the device.`,
      });
      break;
    }
  },
});
