import { dextCodeOf, classesInFile } from '../../dext/queues';
import { chainOf, familyOf } from '../../dext/families';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { RESOURCES_DEXT_INFO_PLIST } from '../example-projects';

export const missingRequiredOverride: Rule = {
  meta: {
    id: 'missing-required-override',
    defaultSeverity: 'warning',
    appliesTo: ['iig'],
    fixable: false,
    sources: [SOURCES.scsiClassDoc, { ref: 'apple-oss-distributions/IOSCSIParallelFamily@560f74ab:SCSIControllerDriverKit/IOUserSCSIParallelInterfaceController.iig (= 0 methods)', primary: true }, { ref: 'apple-oss-distributions/IOSCSIParallelFamily@de09917:SCSIControllerDriverKit/IOUserSCSIParallelInterfaceController.iig:689-703, 752-755 (the bundled-task pair = 0 since IOSCSIParallelFamily-343, absent from -342; kIOReturnFailure keeps the non-bundled path)', primary: true }, SOURCES.userClientCopyMemory],
    docs: {
      summary: 'A class deriving from a family class does not override a method the family requires, or overrides one the family does not have.',
      what: 'For a class whose chain of superclasses reaches a DriverKit family in `schemas/families.jsonc`, reports the family’s must-override methods (`requiredOverrides`, whatever the table lists) that neither the class nor its own superclasses in the project declare (in a separate report, the methods only the newest SDK declares `= 0`: `requiredOverridesNewerSdk`, the SCSI controller’s bundled-task pair), and an `override` of a method the family does not have (e.g. `UserStopController` on `IOUserSCSIParallelInterfaceController`). Obligations come from the family table, never from `= 0` alone: `TYPE(…)` callback prototypes and generated headers have `= 0` virtuals, and Apple’s `IOUserClient::CopyClientMemoryForType` is `= 0` yet needed only when clients map memory (IOUserClient.iig).',
      why: 'The family calls these methods, and Apple’s SDK declares them `= 0` in the family class (for the SCSI controller, IOUserSCSIParallelInterfaceController.iig): a subclass that leaves one out is incomplete. An override of a method the family lacks never runs.',
      example: '```cpp\nclass MyHBA : public IOUserSCSIParallelInterfaceController\n{\n    virtual kern_return_t UserStopController() override;  // not a family method\n};\n```',
      fix: 'Declare (and implement with `IMPL`) every method the family requires; remove overrides of methods it does not have.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <DriverKit/IOUserHIDDevice.iig>\n\nclass MyDriver : public IOUserHIDDevice\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual OSDictionary * newDeviceDescription() override;\n};\n',
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <DriverKit/IOUserHIDDevice.iig>\n\nclass MyDriver : public IOUserHIDDevice\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual OSDictionary * newDeviceDescription() override;\n    virtual OSData * newReportDescriptor() override;\n};\n',
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
      },
    },
  },
  check({ file, workspace, report }) {
    const code = dextCodeOf(workspace, file);
    const classes = code?.classes ?? [];
    for (const cls of code ? classesInFile(code, file) : []) {
      const family = familyOf(cls, classes);
      if (!family) continue;
      const declared = new Set(chainOf(cls, classes).flatMap((c) => c.methods.map((m) => m.name)));
      // Only the most derived class in a project chain owes the family its methods.
      const isBase = classes.some((c) => c.superclass === cls.name);
      const missing = isBase ? [] : family.requiredOverrides.filter((m) => !declared.has(m));
      const verify = family.requiredOverridesConfidence === 'M' || family.verify ? ' (from the family table; verify against the SDK)' : '';
      if (missing.length) {
        report({
          start: cls.nameStart,
          end: cls.nameEnd,
          message: `${cls.name} derives from ${family.superclass} but does not override ${missing.join(', ')}${verify}: the family calls ${missing.length > 1 ? 'them' : 'it'} and the SDK leaves ${missing.length > 1 ? 'them' : 'it'} to the subclass. Declare and implement ${missing.length > 1 ? 'them' : 'it'}.`,
        });
      }
      // Pure virtual only in the newest SDK: which SDK the project builds with is not known here.
      const newer = isBase ? [] : (family.requiredOverridesNewerSdk ?? []).filter((m) => !declared.has(m));
      if (newer.length) {
        report({
          start: cls.nameStart,
          end: cls.nameEnd,
          message: `${cls.name} derives from ${family.superclass} but does not override ${newer.join(', ')}: newer SDKs (${family.requiredOverridesNewerSdkSince ?? 'the newest'} and later) declare ${newer.length > 1 ? 'them' : 'it'} = 0, so the class no longer builds with them. Declare and implement ${newer.length > 1 ? 'them' : 'it'}${family.requiredOverridesNewerSdkNote ? `; ${family.requiredOverridesNewerSdkNote}` : ''}.`,
        });
      }
      for (const m of cls.methods) {
        if (!m.override || !family.nonexistentMethods.includes(m.name)) continue;
        report({
          start: m.nameStart,
          end: m.nameEnd,
          message: `${family.superclass} has no method ${m.name}: this override is never called. Remove it (or move its work to a method the family has).`,
        });
      }
    }
  },
};
