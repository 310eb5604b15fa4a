import type { Rule } from '../types';
import { dextContextOf } from '../../dext/context';
import { familyNeeds } from '../../dext/family-entitlements';
import { isTrue, openTagSpan, rootDictOf, topEntry } from '../../dext/entitlements-file';
import { insertEntryEdit, replaceNodeEdit } from '../../plist/edits';

/** What follows from a missing family entitlement, per family (who checks it). */
const CONSEQUENCE: Record<'kernel' | 'observed' | 'documented', string> = {
  kernel: 'the kernel class refuses the service ("family entitlements check failed") and the dext\'s server exits',
  observed: 'Apple\'s own dexts of this family carry it as a requirement of their service ("family entitlements check failed" without it)',
  documented: 'Apple\'s documentation requires it for this family (the kernel check is not public)',
};

export const dextMissingFamily: Rule = {
  meta: {
    id: 'dext-missing-family',
    defaultSeverity: 'warning',
    appliesTo: ['dext-entitlements'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/IOHIDFamily@54716733:IOHIDFamily/AppleUserHIDDevice.cpp:121, AppleUserHIDEventService.cpp:125 (IOServiceDEXTEntitlements)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2687-2692 ("family entitlements check failed"), 144-154 (IOUserService sets none)', primary: true },
      { ref: 'https://developer.apple.com/documentation/audiodriverkit/iouseraudiodriver', primary: true },
      { ref: 'https://developer.apple.com/documentation/scsicontrollerdriverkit', primary: true },
      { ref: 'https://developer.apple.com/documentation/bundleresources/driverkit', primary: true },
    ],
    docs: {
      summary: 'The dext uses a family (HID, networking, serial, SCSI, audio, …) whose entitlement its entitlements lack.',
      what:
        'Finds the families the dext uses, from the kernel class its personalities name in `IOClass` (e.g. `AppleUserHIDEventService`, `IOUserNetworkEthernet`, `IOUserSCSIParallelInterfaceController`) and from the superclasses of the classes in its `.iig` files (e.g. `IOUserAudioDriver`), and reports each family entitlement (`family.hid.eventservice`, `family.networking`, `family.scsicontroller`, `family.audio`, …) the entitlements file lacks. The family table is `schemas/families.jsonc`.',
      why:
        'Who checks the family entitlement depends on the family. HID: the kernel classes `AppleUserHIDDevice` and `AppleUserHIDEventService` publish `IOServiceDEXTEntitlements`, and the kernel refuses the service with `DK: <Class>-0x…: family entitlements check failed`, then asks the dext\'s server to exit (IOHIDFamily, xnu `IOUserServer.cpp`). Serial: Apple\'s own serial dexts carry the same requirement on their service. Audio and MIDI: the `IOClass` is `IOUserService`, which sets no requirement, so the kernel checks nothing; Apple\'s documentation says the dext must have the entitlement. SCSI controller, block storage and networking: Apple documents the entitlement; the kernel mechanism is not public. This is a warning.',
      example: '```xml\n<!-- Info.plist: IOClass = AppleUserHIDEventService -->\n<dict>\n    <key>com.apple.developer.driverkit</key>\n    <true/>\n</dict>\n```',
      fix: 'Add the family entitlement (the quick fix inserts it as `<true/>`) and have it granted for the dext\'s app id.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.hid</key>\n\t<true/>\n</dict>\n</plist>\n',
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.driver</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>Driver</key>\n\t\t<dict>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>AppleUserHIDEventService</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOHIDInterface</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>Driver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>com.example.driver</string>\n\t\t\t<key>PrimaryUsagePage</key>\n\t\t\t<integer>1</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.hid</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.family.hid.eventservice</key>\n\t<true/>\n</dict>\n</plist>\n',
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.driver</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>Driver</key>\n\t\t<dict>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>AppleUserHIDEventService</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOHIDInterface</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>Driver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>com.example.driver</string>\n\t\t\t<key>PrimaryUsagePage</key>\n\t\t\t<integer>1</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
      },
    },
  },
  check(context) {
    const { file, workspace } = context;
    const root = rootDictOf(file);
    if (!root) return;
    const dext = dextContextOf(workspace, file);
    if (!dext) return;
    for (const need of familyNeeds(workspace, dext)) {
      const present = need.keys.map((k) => topEntry(file, k)).filter((e) => e !== undefined);
      if (present.some((e) => isTrue(e.value))) continue;
      const off = present.find((e) => e.value?.kind === 'false');
      if (present.length && !off) continue; // present with a value of another type: entitlement-type
      const because = `${need.because[0]!.toUpperCase()}${need.because.slice(1)}, which requires '${need.keys.join("' or '")}'`;
      const consequence = CONSEQUENCE[need.check];
      const related = need.related ? { related: [need.related] } : {};
      if (off?.value) {
        context.report({
          start: off.value.start,
          end: off.value.end,
          message: `${because}, but it is false here: ${consequence}. Set it to <true/>.`,
          fixes: [{ title: 'Set it to <true/>', edits: [replaceNodeEdit(off.value, '<true/>')] }],
          ...related,
        });
        continue;
      }
      const key = need.keys[0]!;
      context.report({
        ...openTagSpan(file, root),
        message: `${because}, but these entitlements lack it: ${consequence}. Add it.`,
        fixes: [{ title: `Add '${key}'`, edits: [insertEntryEdit(file, root, key, '<true/>')] }],
        ...related,
      });
    }
  },
};
