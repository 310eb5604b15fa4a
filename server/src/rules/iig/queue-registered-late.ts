import { dextCodeOf, ownerOf, queueNamesOf, registrationsOf, runsFromStart } from '../../dext/queues';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { RESOURCES_DEXT_INFO_PLIST } from '../example-projects';

export const queueRegisteredLate: Rule = {
  meta: {
    id: 'queue-registered-late',
    defaultSeverity: 'information',
    appliesTo: ['cpp'],
    fixable: false,
    sources: [SOURCES.queuenameDoc, SOURCES.serviceDefaultQueue, SOURCES.scsiInitializeDoc],
    docs: {
      summary: 'The only `SetDispatchQueue("X")` is in a method that does not run while the service starts.',
      what: 'Reports, as information, the registration of a `QUEUENAME` queue when every `SetDispatchQueue` for that name is in a method that runs neither from `Start` (directly or through other methods of the class) nor from a family method the framework calls while the service starts (`UserInitializeController`, `UserStartController` for a SCSI controller: `startPhase` in `schemas/sdk-queues.jsonc`).',
      why: 'Apple’s `QUEUENAME` page asks for the registration “as part of your driver’s configuration”, and IOService.iig says that a method invoked before its queue is set runs on the default queue. A queue registered in a method that runs later (after an event, on a timer, from a user-client call) leaves the annotated methods off their queue until then. Family start methods are in time: Apple’s own `UserInitializeController` example registers `AuxiliaryQueue` and `InterruptQueue` there.',
      example: '```cpp\nkern_return_t IMPL(MyDriver, HandleOpen)\n{\n    …\n    SetDispatchQueue("EventQueue", ivars->eventQueue);\n}\n```',
      fix: 'Create and register the queue in `Start` (after `Start(provider, SUPERDISPATCH)`) or in a method `Start` calls.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    return RegisterService();\n}\n\nkern_return_t IMPL(MyDriver, HandleOpen)\n{\n    kern_return_t ret = IODispatchQueue::Create("EventQueue", 0, 0, &ivars->eventQueue);\n    if (ret != kIOReturnSuccess) return ret;\n    SetDispatchQueue("EventQueue", ivars->eventQueue);\n    return kIOReturnSuccess;\n}\n',
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t HandleOpen() QUEUENAME(EventQueue);\n    virtual kern_return_t CopyEvent(uint64_t * event) QUEUENAME(EventQueue);\n};\n',
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    ret = IODispatchQueue::Create("EventQueue", 0, 0, &ivars->eventQueue);\n    if (ret != kIOReturnSuccess) return ret;\n    SetDispatchQueue("EventQueue", ivars->eventQueue);\n    return RegisterService();\n}\n\nkern_return_t IMPL(MyDriver, HandleOpen)\n{\n    return kIOReturnSuccess;\n}\n',
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t HandleOpen() QUEUENAME(EventQueue);\n    virtual kern_return_t CopyEvent(uint64_t * event) QUEUENAME(EventQueue);\n};\n',
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
      },
    },
  },
  check({ file, workspace, report }) {
    const code = dextCodeOf(workspace, file);
    if (!code) return;
    const seen = new Set<string>();
    for (const cls of code.classes) {
      const owner = ownerOf(cls);
      if (seen.has(owner)) continue;
      seen.add(owner);
      const names = queueNamesOf(code, cls);
      if (!names.size) continue;
      const early = runsFromStart(code, cls);
      const registrations = registrationsOf(code, owner);
      for (const name of names) {
        const forName = registrations.filter((r) => r.stringArg?.value === name);
        if (!forName.length || forName.some((r) => early.has(r.body.method))) continue;
        for (const r of forName) {
          if (r.file !== file) continue;
          report({
            start: r.start,
            end: r.end,
            message: `Queue "${name}" is registered only in ${owner}::${r.body.method}, which does not run while the service starts (from Start, or a family start method): until it runs, messages for the QUEUENAME(${name}) methods are not delivered on "${name}". Register it in Start, after Start(provider, SUPERDISPATCH), if they can arrive earlier.`,
          });
        }
      }
    }
  },
};
