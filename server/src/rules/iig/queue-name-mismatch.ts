import { nearest } from '../../text/edit-distance';
import { dextCodeOf, queueNamesOf, sdkQueueNames } from '../../dext/queues';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { INTERRUPT_QUEUE_IIG, RESOURCES_DEXT_INFO_PLIST } from '../example-projects';

export const queueNameMismatch: Rule = {
  meta: {
    id: 'queue-name-mismatch',
    defaultSeverity: 'error',
    appliesTo: ['cpp'],
    fixable: true,
    sources: [SOURCES.kernelSetDispatchQueue, SOURCES.serviceDefaultQueue, SOURCES.kernelQueueRouting],
    docs: {
      summary: 'A `SetDispatchQueue` name that differs from a `QUEUENAME` only by case or a small typo.',
      what: 'Reports `SetDispatchQueue("x", …)` when `x` is not a `QUEUENAME` of the class (nor a queue name the SDK declares) but is within a couple of edits of one, or equal to one ignoring case.',
      why: 'Queue names are compared exactly and case-sensitively (`strcmp` in xnu’s `SetDispatchQueue_Impl`, `IOUserServer.cpp`): the registration names a queue nobody uses, and messages for the annotated method are never delivered on its queue (IOService.iig: the default queue is used; xnu sends kernel calls to the dext’s root queue).',
      example: '```cpp\n// .iig: QUEUENAME(InterruptQueue)\nSetDispatchQueue("interruptQueue", ivars->queue);\n```',
      fix: 'Use the `QUEUENAME` spelling. The quick fix replaces the string.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    ret = IODispatchQueue::Create("InterruptQueue", 0, 0, &ivars->interruptQueue);\n    if (ret != kIOReturnSuccess) return ret;\n    SetDispatchQueue("interruptQueue", ivars->interruptQueue);\n    return RegisterService();\n}\n',
              'Driver/MyDriver.iig': INTERRUPT_QUEUE_IIG,
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    ret = IODispatchQueue::Create("InterruptQueue", 0, 0, &ivars->interruptQueue);\n    if (ret != kIOReturnSuccess) return ret;\n    SetDispatchQueue("InterruptQueue", ivars->interruptQueue);\n    return RegisterService();\n}\n',
              'Driver/MyDriver.iig': INTERRUPT_QUEUE_IIG,
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
    const sdk = sdkQueueNames();
    for (const cls of code.classes) {
      const names = queueNamesOf(code, cls);
      if (!names.size) continue;
      for (const body of code.bodies) {
        if (body.file !== file || body.className !== cls.name) continue;
        for (const call of body.setDispatchQueue) {
          const name = call.stringArg?.value;
          if (name === undefined || names.has(name) || sdk.has(name)) continue;
          const intended = nearest(name, names, 2);
          if (!intended) continue;
          report({
            start: call.stringArg!.start,
            end: call.stringArg!.end,
            message: `SetDispatchQueue registers "${name}", but ${cls.name} declares QUEUENAME(${intended}): names are compared exactly, so the method's messages are never delivered on ${intended}. Write "${intended}".`,
            fixes: [{ title: `Use the QUEUENAME spelling "${intended}"`, edits: [{ start: call.stringArg!.start, end: call.stringArg!.end, newText: `"${intended}"` }], isPreferred: true }],
          });
        }
      }
    }
  },
};
