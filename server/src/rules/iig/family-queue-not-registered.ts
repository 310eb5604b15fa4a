import { familyOf } from '../../dext/families';
import { classesInFile, dextCodeOf, registrationsOf } from '../../dext/queues';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { RESOURCES_DEXT_INFO_PLIST } from '../example-projects';

export const familyQueueNotRegistered: Rule = {
  meta: {
    id: 'family-queue-not-registered',
    defaultSeverity: 'warning',
    appliesTo: ['iig'],
    fixable: false,
    sources: [SOURCES.scsiClassDoc, SOURCES.scsiInitializeDoc, SOURCES.scsiIig],
    docs: {
      summary: 'A class of a family that expects the dext to create named queues never registers them.',
      what: 'For a class deriving from a family whose SDK expects the dext to create and register named queues (`AuxiliaryQueue` and `InterruptQueue` for `IOUserSCSIParallelInterfaceController`: see `schemas/families.jsonc`), reports the names no `SetDispatchQueue` of the class registers. Only runs when the dext’s `.cpp` files are in the workspace.',
      why: 'Apple’s class page: “The system expects your dext to create two additional dispatch queues, named AuxiliaryQueue and InterruptQueue. The UserCreateTargetForID method uses the AuxiliaryQueue to avoid deadlock during start and initialization.” The SDK declares `UserCreateTargetForID` with `QUEUENAME(AuxiliaryQueue)`. What happens at run time without them is not documented.',
      example: '```cpp\nclass MyHBA : public IOUserSCSIParallelInterfaceController { … };\n// neither Start nor UserInitializeController calls SetDispatchQueue("AuxiliaryQueue", …)\n```',
      fix: 'Create each queue with `IODispatchQueue::Create` and register it, as Apple’s `UserInitializeController` example does (or in `Start`): `SetDispatchQueue("AuxiliaryQueue", ivars->auxQueue);`.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <SCSIControllerDriverKit/IOUserSCSIParallelInterfaceController.iig>\n\nclass MyDriver : public IOUserSCSIParallelInterfaceController\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t UserInitializeController() override;  // registers InterruptQueue only (MyDriver.cpp)\n};\n',
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    return RegisterService();\n}\n\nkern_return_t IMPL(MyDriver, UserInitializeController)\n{\n    kern_return_t ret = kIOReturnSuccess;\n    ret = IODispatchQueue::Create("InterruptQueue", 0, 0, &ivars->interruptQueue);\n    if (ret != kIOReturnSuccess) return ret;\n    SetDispatchQueue("InterruptQueue", ivars->interruptQueue);\n    return ret;\n}\n',
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <SCSIControllerDriverKit/IOUserSCSIParallelInterfaceController.iig>\n\nclass MyDriver : public IOUserSCSIParallelInterfaceController\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t UserInitializeController() override;  // registers AuxiliaryQueue and InterruptQueue (MyDriver.cpp)\n};\n',
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    return RegisterService();\n}\n\nkern_return_t IMPL(MyDriver, UserInitializeController)\n{\n    kern_return_t ret = kIOReturnSuccess;\n    ret = IODispatchQueue::Create("AuxiliaryQueue", 0, 0, &ivars->auxQueue);\n    if (ret != kIOReturnSuccess) return ret;\n    SetDispatchQueue("AuxiliaryQueue", ivars->auxQueue);\n    ret = IODispatchQueue::Create("InterruptQueue", 0, 0, &ivars->interruptQueue);\n    if (ret != kIOReturnSuccess) return ret;\n    SetDispatchQueue("InterruptQueue", ivars->interruptQueue);\n    return ret;\n}\n',
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
      },
    },
  },
  check({ file, workspace, report }) {
    const code = dextCodeOf(workspace, file);
    if (!code?.hasImplementation) return;
    for (const cls of classesInFile(code, file)) {
      const family = familyOf(cls, code.classes);
      if (!family?.createdQueues.length) continue;
      if (code.classes.some((c) => c.superclass === cls.name)) continue;
      const registered = new Set(code.classes.flatMap((c) => registrationsOf(code, c.name).map((r) => r.stringArg?.value)));
      const missing = family.createdQueues.filter((q) => !registered.has(q));
      if (!missing.length) continue;
      report({
        start: cls.nameStart,
        end: cls.nameEnd,
        message: `${cls.name} derives from ${family.superclass}, which expects the dext to create and register the queue${missing.length > 1 ? 's' : ''} ${missing.map((q) => `"${q}"`).join(' and ')}; ${cls.name} never calls SetDispatchQueue for ${missing.length > 1 ? 'them' : 'it'}. Create and register ${missing.length > 1 ? 'them' : 'it'} in UserInitializeController (as Apple's example does) or in Start.`,
      });
    }
  },
};
