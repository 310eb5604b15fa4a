import type { Rule } from '../types';
import { effectiveEntries } from '../../dext/entitlements-file';
import { entitlementInfo, plainText } from '../../knowledge/entitlements';
import { removeEntryEdit } from '../../plist/edits';
import { profileForEntitlements } from '../../profiles';
import { DRIVERKIT_ONLY_ENTITLEMENTS } from '../example-projects';

export const dextForbiddenEntitlement: Rule = {
  meta: {
    id: 'dext-forbidden-entitlement',
    defaultSeverity: 'warning',
    appliesTo: ['dext-entitlements'],
    fixable: true,
    sources: [
      { ref: 'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.security.device.usb', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/IOKit/IOKitKeys.h:151 (kIODriverKitTransportBuiltinEntitlementKey)', primary: true },
      { ref: 'apple-oss-distributions/IOHIDFamily@54716733:IOHIDFamily/IOHIDInterface.cpp:989-1006 (builtin AND transport.hid)', primary: true },
      { ref: 'apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIDevice.cpp:890-901 (builtin PCI devices)', primary: true },
      { ref: 'pqrs-org/Karabiner-DriverKit-VirtualHIDDevice@68d0a97b:src/DriverKit/Developer_ID_KarabinerDriverKitVirtualHIDDevice.provisionprofile (Apple-signed, grants family.hid.virtual.device)', primary: true },
      { ref: 'https://developer.apple.com/forums/thread/843327 (Apple: family.hid.virtual.device is defunct)', primary: false },
    ],
    docs: {
      summary: 'An entitlement a dext should not carry (`com.apple.security.device.usb`, `driverkit.builtin`), or one with no function (`family.hid.virtual.device`).',
      what:
        'Reports, in a dext\'s entitlements: `com.apple.security.device.usb` (an app-sandbox key) and `com.apple.developer.driverkit.builtin` (for Apple\'s built-in devices) as warnings; `com.apple.developer.driverkit.family.hid.virtual.device` as information, and only when no provisioning profile applies to the target (with a profile, the profile decides: `profile-mismatch`).',
      why:
        '`com.apple.security.device.usb` is the USB key of sandboxed apps; a dext\'s USB access comes from `transport.usb`, and Apple DTS answers on the developer forums report that the key gets a dext\'s code signature rejected. `com.apple.developer.driverkit.builtin` (`kIODriverKitTransportBuiltinEntitlementKey`, xnu `IOKitKeys.h`) is what IOHIDFamily\'s `IOHIDInterface` and IOPCIFamily\'s `IOPCIDevice` additionally require for built-in HID interfaces and PCI devices; Apple\'s own dexts carry it, and no third-party profile is known to grant it. `family.hid.virtual.device` is read by no kernel or HID family source, and Apple says on its forums that it has no function; Apple still issues profiles that grant it (Karabiner-DriverKit-VirtualHIDDevice\'s Developer ID profile), so it is harmless there. It does not replace `family.hid.device`, which the kernel class `AppleUserHIDDevice` requires.',
      example: '```xml\n<key>com.apple.security.device.usb</key>\n<true/>\n```',
      fix: 'Remove the entry (the quick fix does). A dext\'s USB access comes from `com.apple.developer.driverkit.transport.usb`; a virtual HID device needs `com.apple.developer.driverkit.family.hid.device`.',
      examples: {
        invalid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.security.device.usb</key>\n\t<true/>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Driver.entitlements': DRIVERKIT_ONLY_ENTITLEMENTS } }],
      },
    },
  },
  check(context) {
    const { file, workspace } = context;
    let profileApplies: boolean | undefined;
    for (const entry of effectiveEntries(file)) {
      const info = entitlementInfo(entry.key);
      const fixes = [{ title: `Remove '${entry.key}'`, edits: [removeEntryEdit(file.document, entry)], isPreferred: true }];
      if (info?.forbidden) {
        context.report({
          start: entry.keySpan.start,
          end: entry.keySpan.end,
          severity: info.forbidden.severity,
          message: `'${entry.key}' should not be in a dext's entitlements: ${plainText(info.forbidden.reason)}. Remove it.`,
          fixes,
        });
      } else if (info?.defunct) {
        // With a provisioning profile for the target, the profile decides (profile-mismatch).
        profileApplies ??= profileForEntitlements(workspace, file) !== undefined;
        if (profileApplies) continue;
        context.report({
          start: entry.keySpan.start,
          end: entry.keySpan.end,
          severity: 'information',
          message: `'${entry.key}' has no function: ${plainText(info.defunct.reason)}.`,
          fixes: [{ ...fixes[0], isPreferred: false }],
        });
      }
    }
  },
};
