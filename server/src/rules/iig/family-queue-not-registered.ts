import { familyOf } from '../../dext/families';
import { classesInFile, dextCodeOf, registrationsOf } from '../../dext/queues';
import type { Rule } from '../types';

export const familyQueueNotRegistered: Rule = {
  meta: {
    id: 'family-queue-not-registered',
    defaultSeverity: 'warning',
    appliesTo: ['iig'],
    fixable: false,
    docs: {
      summary: 'A class of a family that expects the dext to create named queues never registers them.',
      what: 'For a class deriving from a family whose SDK expects the dext to create and register named queues (`AuxiliaryQueue` and `InterruptQueue` for `IOUserSCSIParallelInterfaceController`: see `schemas/families.jsonc`), reports the names no `SetDispatchQueue` of the class registers. Only runs when the dext’s `.cpp` files are in the workspace.',
      why: 'The family dispatches its own methods to those queues (`UserCreateTargetForID` runs on `AuxiliaryQueue`); without them they run on the Default queue, and a dispatched method invoked off its queue asserts `queue->OnQueue()` and crash-loops the dext.',
      example: '```cpp\nclass MyHBA : public IOUserSCSIParallelInterfaceController { … };\n// Start never calls SetDispatchQueue("AuxiliaryQueue", …)\n```',
      fix: 'In `Start`, create each queue with `IODispatchQueue::Create` and register it: `SetDispatchQueue("AuxiliaryQueue", ivars->auxQueue);`.',
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
        message: `${cls.name} derives from ${family.superclass}, which expects the dext to create and register the queue${missing.length > 1 ? 's' : ''} ${missing.map((q) => `"${q}"`).join(' and ')}; ${cls.name} never calls SetDispatchQueue for ${missing.length > 1 ? 'them' : 'it'}. Create and register ${missing.length > 1 ? 'them' : 'it'} in Start.`,
      });
    }
  },
};
