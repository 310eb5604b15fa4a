import { nearest } from '../../text/edit-distance';
import { dextCodeOf, queueNamesOf, sdkQueueNames } from '../../dext/queues';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { CLEAN_DRIVER_PROJECT, RESOURCES_DEXT_INFO_PLIST, START_ONLY_IIG } from '../example-projects';

export const queueUnused: Rule = {
  meta: {
    id: 'queue-unused',
    defaultSeverity: 'hint',
    appliesTo: ['cpp'],
    fixable: false,
    sources: [SOURCES.kernelSetDispatchQueue],
    docs: {
      summary: '`SetDispatchQueue("X")` for an `X` that no method names.',
      what: 'Reports a registration whose name no `QUEUENAME` of the class uses, when it is not `Default` and not a queue name a DriverKit family declares in the SDK (`AuxiliaryQueue`, `InterruptQueue`, `RxDispatchQueue`, `TxDispatchQueue`, `IOUserClientQueueExternalMethod`: see `schemas/sdk-queues.jsonc`). A near-miss of a `QUEUENAME` is `queue-name-mismatch` instead.',
      why: 'No method is dispatched on it, so it is at best dead weight, often the trace of a renamed `QUEUENAME`. It may also simply fail: xnu’s `SetDispatchQueue_Impl` returns `kIOReturnBadArgument` for a name that is neither `Default` nor one of the class’s queue names (`IOUserServer.cpp`); whether the dext-side call reaches that check is not public, so check the return value.',
      example: '```cpp\nSetDispatchQueue("LegacyQueue", ivars->legacyQueue);\n```',
      fix: 'Remove the registration, or add `QUEUENAME(X)` to the methods meant to run on it. A queue used only with `DispatchAsync` needs no registration at all.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    ret = IODispatchQueue::Create("LegacyQueue", 0, 0, &ivars->legacyQueue);\n    if (ret != kIOReturnSuccess) return ret;\n    SetDispatchQueue("LegacyQueue", ivars->legacyQueue);\n    return RegisterService();\n}\n',
              'Driver/MyDriver.iig': START_ONLY_IIG,
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          { files: CLEAN_DRIVER_PROJECT },
        ],
      },
    },
  },
  check({ file, workspace, report }) {
    const code = dextCodeOf(workspace, file);
    if (!code) return;
    const sdk = sdkQueueNames();
    for (const body of code.bodies) {
      if (body.file !== file) continue;
      const cls = code.classes.find((c) => c.name === body.className);
      if (!cls) continue;
      const names = queueNamesOf(code, cls);
      for (const call of body.setDispatchQueue) {
        const name = call.stringArg?.value;
        if (name === undefined || names.has(name) || sdk.has(name) || nearest(name, names, 2)) continue;
        report({
          start: call.stringArg!.start,
          end: call.stringArg!.end,
          message: `Queue "${name}" is registered, but no method of ${cls.name} is marked QUEUENAME(${name}): nothing is dispatched on it, and the kernel's SetDispatchQueue refuses a name that is not one of the class's queue names (kIOReturnBadArgument), so the call may fail. Remove the registration or annotate the methods meant to run on it.`,
          tags: ['unnecessary'],
        });
      }
    }
  },
};
