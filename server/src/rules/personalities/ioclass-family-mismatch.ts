import { replaceNodeEdit } from '../../plist/edits';
import { classFamily, dextClassesOf, familyMisnamedBy, familyOfNonKernelClass } from '../../dext/personality-families';
import { isGenericFamily, type Family } from '../../knowledge/families';
import { entryOf } from '../../dext/personalities';
import type { Rule } from '../types';
import { personalityRule } from '../parts';

/** Error only where a primary source states the family's kernel class; otherwise a warning. */
const isSoft = (family: Family) => family.confidence !== 'primary';

export const ioclassFamilyMismatch: Rule = personalityRule({
  meta: {
    id: 'ioclass-family-mismatch',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp:4065-4070 (Couldn\'t alloc class "%s")', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2393-2397 (OSMetaClassBase::Dispatch → kIOReturnUnsupported)', primary: true },
      { ref: 'https://developer.apple.com/documentation/hiddriverkit/iouserusbhosthiddevice (IOClass AppleUserHIDDevice)', primary: true },
      { ref: 'apple-oss-distributions/IOHIDFamily@5efd04c6:AppleUserHIDDrivers/AppleUserHIDDrivers/AppleUserUSBHostHIDDevice.iig:13, Info.plist:25-66 (AppleUserUSBHostHIDDevice is the IOUserClass of Apple\'s HID dext; its IOClass is AppleUserHIDDevice)', primary: true },
      { ref: 'https://developer.apple.com/documentation/hiddriverkit/iouserhideventservice', primary: true },
      { ref: 'https://developer.apple.com/documentation/scsicontrollerdriverkit/iouserscsiparallelinterfacecontroller', primary: true },
      { ref: 'https://developer.apple.com/documentation/bundleresources/information-property-list/ioclass', primary: true },
    ],
    docs: {
      summary: '`IOClass` is not the kernel class the `IOUserClass`’s family requires.',
      what: 'Follows `IOUserClass` through the dext’s `.iig` superclasses to the first DriverKit family class (`schemas/families.jsonc`) and reports an `IOClass` other than that family’s kernel class: e.g. `IOUserService` for an `IOUserSCSIPeripheralDeviceType00` subclass. Also reports, even without `.iig` files, an `IOClass` that names a DriverKit class whose kernel class is another one (`IOUserHIDEventService` instead of `AppleUserHIDEventService`, `IOUserAudioDriver` instead of `IOUserService`), or a dext class of Apple\'s that is no kernel class (`AppleUserUSBHostHIDDevice`, the `IOUserClass` of Apple\'s own USB HID dext, instead of `AppleUserHIDDevice`). Error for the families whose kernel class an Apple document or Apple source states (e.g. the HIDDriverKit and SCSIControllerDriverKit class pages); warning for the others (the serial rows, seen in Apple-shipped dexts; networking and the SCSI peripheral classes, known from forum answers only: verify).',
      why: 'The kernel class decides which kernel methods exist and which family entitlement is checked: with `IOUserService` in place of the family class, family calls the dext makes end in `OSMetaClassBase::Dispatch` and return `kIOReturnUnsupported` (xnu `IOUserServer.cpp`); with a name that is no kernel class, the kernel logs `Couldn\'t alloc class "<IOClass>"` and instantiates nothing (xnu `IOService.cpp`). For USB HID, Apple\'s `IOUserUSBHostHIDDevice` page gives `IOClass` = `AppleUserHIDDevice`; `AppleUserUSBHostHIDDevice` is Apple\'s own dext class, not a kernel class.',
      example: '```xml\n<key>IOClass</key>\n<string>IOUserHIDEventService</string>\n```',
      fix: 'Use the family’s kernel class (quick fix).',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyKeyboard</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserHIDEventService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOHIDInterface</string>\n\t\t\t<key>VendorID</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>ProductID</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyKeyboard</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>AppleUserHIDEventService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOHIDInterface</string>\n\t\t\t<key>VendorID</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>ProductID</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
      },
    },
  },
  prepare: ({ file, workspace }) => dextClassesOf(workspace, file),
  check(p, classes, { report }) {
    const node = entryOf(p, 'IOClass')?.value;
    if (node?.kind !== 'string' || !p.ioClass) return;
    const fromClass = p.userClass ? classFamily(classes, p.userClass) : undefined;
    // A class of the dext decides; without one, only an IOClass that is a DriverKit class name. A
    // name known to be a dext class of Apple's (no kernel class) is reported whatever the family.
    const userSpace = familyOfNonKernelClass(p.ioClass);
    let family = fromClass ? fromClass.family : familyMisnamedBy(p.ioClass);
    if (userSpace && (!family || isGenericFamily(family))) family = userSpace;
    if (!family?.ioClass || family.ioClass === p.ioClass) return;
    // The generic row accepts other kernel classes we may not know of: stay silent.
    if (isGenericFamily(family)) return;
    const soft = isSoft(family);
    const why =
      fromClass && family === fromClass.family
        ? `${fromClass.chain.join(' → ')} belongs to the ${family.superclass} family, whose kernel class is '${family.ioClass}'`
        : userSpace
          ? `'${p.ioClass}' is a class of Apple's own HID dext (its IOUserClass there), not a kernel class, so the kernel logs "Couldn't alloc class"; the kernel class of the ${family.superclass} family is '${family.ioClass}'`
          : `'${p.ioClass}' is the DriverKit class; the kernel class of the ${family.superclass} family is '${family.ioClass}'`;
    report({
      start: node.start,
      end: node.end,
      severity: soft ? 'warning' : undefined,
      message: `IOClass '${p.ioClass}' in personality '${p.name}': ${why}. With the wrong kernel class, family calls return kIOReturnUnsupported or the family entitlement check fails. Use '${family.ioClass}'${family.confidence === 'secondary' ? ' (verify: the family fact comes from forum answers only)' : ''}.`,
      fixes: [{ title: `Use '${family.ioClass}'`, edits: [replaceNodeEdit(node, `<string>${family.ioClass}</string>`)], isPreferred: !soft }],
    });
  },
});
