import { indentAt } from '../../plist/edits';
import { bodiesOf, cppScanOf, dextCodeOf, reachedFrom, type DextCode } from '../../dext/queues';
import type { CppBody } from '../../cpp/scanner';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { CLEAN_DRIVER_PROJECT, RESOURCES_DEXT_INFO_PLIST, START_ONLY_IIG } from '../example-projects';

/** The dispatched overrides that must call their superclass, and where. */
const MUST_CALL_SUPER: Record<string, 'first' | 'last' | 'eventually'> = {
  Start: 'first',
  Stop: 'last',
  SetPowerState: 'eventually',
};

/**
 * Whether the superclass call of `body.method` is made: in the body (blocks included), in a method
 * of the class it reaches (helpers, `CreateActionM` handlers), or, for Stop and SetPowerState, in
 * a handler of the class other than Start (the asynchronous pattern: Stop cancels its dispatch
 * sources and the cancel handler, perhaps an action created in Start, calls super; Start's own
 * failure path calling `Stop(provider, SUPERDISPATCH)` does not count for Stop).
 */
function callsSuper(code: DextCode | undefined, body: CppBody, fileBodies: readonly CppBody[]): boolean {
  const has = (b: CppBody) => b.superdispatch.some((c) => c.callee === body.method);
  if (has(body)) return true;
  const bodies = code ? bodiesOf(code, body.className) : fileBodies.filter((b) => b.className === body.className);
  const reached = code ? reachedFrom(code, body.className, [body.method]) : new Set([body.method]);
  if (bodies.some((b) => reached.has(b.method) && has(b))) return true;
  if (body.method === 'Start') return false;
  return bodies.some((b) => b.method !== body.method && b.method !== 'Start' && has(b));
}

export const missingSuperdispatch: Rule = {
  meta: {
    id: 'missing-superdispatch',
    defaultSeverity: 'warning',
    appliesTo: ['cpp'],
    fixable: true,
    sources: [SOURCES.superdispatchDoc, SOURCES.serialStartDoc, SOURCES.serviceStartStop, SOURCES.stopDoc, SOURCES.servicePower, SOURCES.scsiClassDoc],
    docs: {
      summary: '`IMPL(C, Start)` or `Stop` (warning), `SetPowerState` (information) whose superclass call with `SUPERDISPATCH` is never made.',
      what: 'Reports an implementation of `Start` or `Stop` (`IMPL(C, M)` or `C::M_Impl`) when neither its body, nor a method of the class it calls (helpers, blocks, the handlers of actions it creates), calls `Start(provider, SUPERDISPATCH)` (resp. `Stop(…)`); for `Stop`, a handler of the class that calls `Stop(provider, SUPERDISPATCH)` later (the asynchronous stop: `Stop` cancels its dispatch sources and the cancel handler calls super) also counts. `SetPowerState` is checked the same way and reported as information: Apple allows acknowledging later.',
      why: 'Apple: “Always call `super` early in your implementation” of `Start` (IOUserSerial::Start; the `SUPERDISPATCH` page shows `Start(provider, SUPERDISPATCH)`), and IOService.iig says `Stop` must call super last. Without it the kernel side of the service is never started or never torn down. For `SetPowerState`, IOService.iig asks the driver to make itself safe “before passing the call to super”, and Apple’s SCSI controller page allows calling super “either as the last step in your implementation, or when the dext is ready to acknowledge”: super must be called eventually, or the power change is never acknowledged. Family classes such as `IOUserNetworkEthernet` override `SetPowerState` themselves, so a subclass’s super call matters there too.',
      example: '```cpp\nkern_return_t IMPL(MyDriver, Start)\n{\n    return RegisterService();\n}\n```',
      fix: 'Call the superclass with `SUPERDISPATCH`: first thing in `Start` (the quick fix inserts it and returns on failure), as the last step in `Stop` (or from the handler that finishes an asynchronous stop), and in `SetPowerState` once the dext is ready to acknowledge.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    return RegisterService();\n}\n',
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
    const fileBodies = cppScanOf(file).bodies;
    const code = dextCodeOf(workspace, file);
    for (const body of fileBodies) {
      const position = MUST_CALL_SUPER[body.method];
      if (body.form !== 'IMPL' || !position) continue;
      if (callsSuper(code, body, fileBodies)) continue;
      const fixes = [];
      if (body.method === 'Start') {
        const open = body.bodyStart + 1;
        const indent = indentAt(file, body.headerStart) + '    ';
        fixes.push({
          title: 'Call Start(provider, SUPERDISPATCH) first',
          edits: [{ start: open, end: open, newText: `\n${indent}kern_return_t superRet = Start(provider, SUPERDISPATCH);\n${indent}if (superRet != kIOReturnSuccess) {\n${indent}    return superRet;\n${indent}}` }],
        });
      }
      const power = body.method === 'SetPowerState';
      const call = power ? 'SetPowerState(powerFlags, SUPERDISPATCH)' : `${body.method}(provider, SUPERDISPATCH)`;
      report({
        start: body.headerStart,
        end: body.headerEnd,
        message: power
          ? `${body.className}::SetPowerState never calls ${call}, neither in its body nor in a method of the class: the power change is acknowledged only when super is called. Call it as the last step, or from the handler that finishes the change.`
          : `${body.className}::${body.method} never calls ${call}, neither in its body nor in a method of the class it calls: the superclass (and the kernel side of the service) never ${body.method === 'Start' ? 'starts' : 'stops'}. Call it ${position === 'first' ? 'first' : 'as the last step'}.`,
        fixes,
        ...(power ? { severity: 'information' as const } : {}),
      });
    }
  },
};
