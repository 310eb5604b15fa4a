import { cppScanOf, declaredMethodsOf, dextCodeOf } from '../../dext/queues';
import type { OffsetEdit } from '../../types';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { RESOURCES_DEXT_INFO_PLIST } from '../example-projects';

export const superdispatchInLocalonly: Rule = {
  meta: {
    id: 'superdispatch-in-localonly',
    defaultSeverity: 'error',
    appliesTo: ['cpp'],
    fixable: true,
    sources: [SOURCES.localonlyDoc, SOURCES.superdispatchDoc],
    docs: {
      summary: '`M(…, SUPERDISPATCH)` where the class declares `M` `LOCALONLY`: call `super::M(…)` instead.',
      what: 'Reports a call `M(…, SUPERDISPATCH)` in the implementation of a class whose `.iig` declares `M` `LOCALONLY` (on the method, or on the whole class).',
      why: 'Apple’s `LOCALONLY` page: “When calling the superclass implementation of a local-only method, call `super` like you normally would. Don’t use the `SUPERDISPATCH` macro to call the inherited implementation.” A local-only method is a plain C++ call: there is no dispatch to go through.',
      example: '```cpp\n// .iig: virtual kern_return_t StartIO(IOUserAudioStartStopFlags flags) override LOCALONLY;\nkern_return_t MyDevice::StartIO(IOUserAudioStartStopFlags flags)\n{\n    return StartIO(flags, SUPERDISPATCH);\n}\n```',
      fix: 'Call `super::M(…)` without `SUPERDISPATCH` (quick fix).',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDevice.cpp': '#include "MyDevice.h"\n\nkern_return_t MyDevice::StartIO(IOUserAudioStartStopFlags flags)\n{\n    return StartIO(flags, SUPERDISPATCH);\n}\n',
              'Driver/MyDevice.iig': '#include <AudioDriverKit/IOUserAudioDevice.iig>\n\nclass MyDevice : public IOUserAudioDevice\n{\npublic:\n    virtual kern_return_t StartIO(IOUserAudioStartStopFlags flags) override LOCALONLY;\n};\n',
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/MyDevice.cpp': '#include "MyDevice.h"\n\nkern_return_t MyDevice::StartIO(IOUserAudioStartStopFlags flags)\n{\n    return super::StartIO(flags);\n}\n',
              'Driver/MyDevice.iig': '#include <AudioDriverKit/IOUserAudioDevice.iig>\n\nclass MyDevice : public IOUserAudioDevice\n{\npublic:\n    virtual kern_return_t StartIO(IOUserAudioStartStopFlags flags) override LOCALONLY;\n};\n',
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
    for (const body of cppScanOf(file).bodies) {
      const localOnly = new Set(declaredMethodsOf(code, body.className).filter((m) => m.localOnly).map((m) => m.name));
      if (!localOnly.size) continue;
      for (const call of body.superdispatch) {
        if (!localOnly.has(call.callee) || call.args[call.args.length - 1] !== 'SUPERDISPATCH') continue;
        // `M(a, SUPERDISPATCH)` → `super::M(a)`: drop the last argument, qualify with super::.
        const callText = file.text.slice(call.start, call.end);
        const tail = /\s*,?\s*SUPERDISPATCH\s*\)$/.exec(callText);
        const qualified = /super\s*::\s*$/.test(file.text.slice(Math.max(0, call.start - 16), call.start));
        const edits: OffsetEdit[] = [];
        if (!qualified) edits.push({ start: call.start, end: call.start, newText: 'super::' });
        if (tail) edits.push({ start: call.start + tail.index, end: call.end, newText: ')' });
        report({
          start: call.start,
          end: call.end,
          message: `${body.className} declares ${call.callee} LOCALONLY: call its superclass with super::${call.callee}(…), not with SUPERDISPATCH (Apple: "Don't use the SUPERDISPATCH macro to call the inherited implementation" of a local-only method).`,
          fixes: tail ? [{ title: `Call super::${call.callee}(…) without SUPERDISPATCH`, edits, isPreferred: true }] : [],
        });
      }
    }
  },
};
