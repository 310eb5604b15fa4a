import { iigScanOf } from '../../workspace/classes';
import { queueAnnotation, removeAnnotationEdit } from '../../dext/iig-annotations';
import type { Rule } from '../types';

export const queueNameDefault: Rule = {
  meta: {
    id: 'queue-name-default',
    defaultSeverity: 'information',
    appliesTo: ['iig'],
    fixable: true,
    docs: {
      summary: '`QUEUENAME(Default)`: redundant.',
      what: 'Reports `QUEUENAME(Default)` on a method.',
      why: '`Default` (`kIOServiceDefaultQueueName`) is the queue every dispatched method runs on unless named otherwise: the annotation changes nothing, and suggests a dedicated queue that does not exist.',
      example: '```cpp\nvirtual kern_return_t Start(IOService * provider) override QUEUENAME(Default);\n```',
      fix: 'Remove the annotation (quick fix), or name a dedicated queue and register it in `Start`.',
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
          message: `QUEUENAME(Default) on ${cls.name}::${method.name} is redundant: dispatched methods run on the Default queue anyway. Remove it.`,
          tags: ['unnecessary'],
          fixes: [{ title: 'Remove QUEUENAME(Default)', edits: [removeAnnotationEdit(file.text, annotation)], isPreferred: true }],
        });
      }
    }
  },
};
