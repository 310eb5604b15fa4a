import { iigScanOf } from '../../workspace/classes';
import { queueAnnotation, removeAnnotationEdit } from '../../dext/iig-annotations';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { RESOURCES_DEXT_INFO_PLIST, START_ONLY_IIG, START_WITH_SUPER_CPP } from '../example-projects';

export const queueNameDefault: Rule = {
  meta: {
    id: 'queue-name-default',
    defaultSeverity: 'information',
    appliesTo: ['iig'],
    fixable: true,
    sources: [SOURCES.serviceDefaultQueue, SOURCES.kernelSetDispatchQueue, SOURCES.kernelQueueRouting],
    docs: {
      summary: '`QUEUENAME(Default)`: redundant at best; may bypass the Default queue.',
      what: 'Reports `QUEUENAME(Default)` on a method.',
      why: '`Default` (`kIOServiceDefaultQueueName`) is the queue every dispatched method runs on unless named otherwise, so the annotation is redundant at best. It may also bypass the Default queue: xnu routes a `QUEUENAME` by its index in the class’s list of queue names (`IOUserServer.cpp`), while `SetDispatchQueue("Default", …)` always fills slot 0, so a `QUEUENAME(Default)` method may be routed to a slot that is never registered.',
      example: '```cpp\nvirtual kern_return_t Start(IOService * provider) override QUEUENAME(Default);\n```',
      fix: 'Remove the annotation (quick fix), or name a dedicated queue and register it in `Start`.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override QUEUENAME(Default);\n};\n',
              'Driver/MyDriver.cpp': START_WITH_SUPER_CPP,
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/MyDriver.iig': START_ONLY_IIG,
              'Driver/MyDriver.cpp': START_WITH_SUPER_CPP,
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
      },
    },
  },
  check({ file, report }) {
    for (const cls of iigScanOf(file).classes) {
      for (const method of cls.methods) {
        const annotation = queueAnnotation(method);
        if (annotation?.arg !== 'Default') continue;
        report({
          start: annotation.start,
          end: annotation.end,
          message: `QUEUENAME(Default) on ${cls.name}::${method.name} is redundant at best (dispatched methods run on the Default queue anyway), and may bypass the Default queue: the kernel routes QUEUENAME names by their index in the class's list, while SetDispatchQueue("Default", …) always fills slot 0. Remove it.`,
          tags: ['unnecessary'],
          fixes: [{ title: 'Remove QUEUENAME(Default)', edits: [removeAnnotationEdit(file.text, annotation)], isPreferred: true }],
        });
      }
    }
  },
};
