import { indentAt } from '../../plist/edits';
import { cppScanOf } from '../../dext/queues';
import type { Rule } from '../types';

/** The dispatched overrides that must call their superclass, and where. */
const MUST_CALL_SUPER: Record<string, string> = {
  Start: 'first',
  Stop: 'last',
  SetPowerState: 'last',
};

export const missingSuperdispatch: Rule = {
  meta: {
    id: 'missing-superdispatch',
    defaultSeverity: 'warning',
    appliesTo: ['cpp'],
    fixable: true,
    docs: {
      summary: '`IMPL(C, Start)`, `Stop` or `SetPowerState` that never calls the same method with `SUPERDISPATCH`.',
      what: 'Reports an implementation of `Start`, `Stop` or `SetPowerState` whose body never calls `Start(provider, SUPERDISPATCH)` (resp. `Stop(…)`, `SetPowerState(powerFlags, SUPERDISPATCH)`).',
      why: '`Start` must call the superclass first and `Stop` last, or the kernel-side service is never started or never torn down. A `SetPowerState` override that does not end with the superclass call leaves the power change unacknowledged; one invoked off its queue has crash-looped a SCSI controller dext (“Driver … has crashed N time(s)”).',
      example: '```cpp\nkern_return_t IMPL(MyDriver, Start)\n{\n    return RegisterService();\n}\n```',
      fix: 'Call the superclass with `SUPERDISPATCH`: first thing in `Start` (the quick fix inserts it and returns on failure), as the last step in `Stop` and `SetPowerState`.',
    },
  },
  check({ file, report }) {
    for (const body of cppScanOf(file).bodies) {
      const position = MUST_CALL_SUPER[body.method];
      if (body.form !== 'IMPL' || !position) continue;
      if (body.superdispatch.some((c) => c.callee === body.method)) continue;
      const fixes = [];
      if (body.method === 'Start') {
        const open = body.bodyStart + 1;
        const indent = indentAt(file, body.headerStart) + '    ';
        fixes.push({
          title: 'Call Start(provider, SUPERDISPATCH) first',
          edits: [{ start: open, end: open, newText: `\n${indent}kern_return_t superRet = Start(provider, SUPERDISPATCH);\n${indent}if (superRet != kIOReturnSuccess) {\n${indent}    return superRet;\n${indent}}` }],
        });
      }
      const call = body.method === 'SetPowerState' ? 'SetPowerState(powerFlags, SUPERDISPATCH)' : `${body.method}(provider, SUPERDISPATCH)`;
      report({
        start: body.headerStart,
        end: body.headerEnd,
        message: `${body.className}::${body.method} never calls ${call}: the superclass (and the kernel side of the service) never ${body.method === 'Start' ? 'starts' : body.method === 'Stop' ? 'stops' : 'completes the power change'}. Call it ${position === 'first' ? 'first' : 'as the last step'}.`,
        fixes,
      });
    }
  },
};
