import { iigScanOf } from '../../workspace/classes';
import { queueAnnotation, removeAnnotationEdit } from '../../dext/iig-annotations';
import type { Rule } from '../types';

export const queueOnLocalonly: Rule = {
  meta: {
    id: 'queue-on-localonly',
    defaultSeverity: 'warning',
    appliesTo: ['iig'],
    fixable: true,
    docs: {
      summary: '`QUEUENAME` on a `LOCALONLY` method.',
      what: 'Reports `QUEUENAME(X)` on a method that is also `LOCALONLY`.',
      why: '`LOCALONLY` methods are plain C++ calls in the dext’s process: they are never dispatched, so no queue applies. The annotation misleads the reader into thinking the method is serialised on that queue.',
      example: '```cpp\nvoid HandleInterrupt() LOCALONLY QUEUENAME(InterruptQueue);\n```',
      fix: 'Remove `QUEUENAME` (quick fix), or remove `LOCALONLY` if the method must be dispatched on that queue.',
    },
  },
  check({ file, report }) {
    for (const cls of iigScanOf(file).classes) {
      for (const method of cls.methods) {
        const annotation = queueAnnotation(method);
        if (!annotation || !method.localOnly) continue;
        report({
          start: annotation.start,
          end: annotation.end,
          message: `${cls.name}::${method.name} is LOCALONLY (a plain in-process call, never dispatched): QUEUENAME(${annotation.arg ?? ''}) has no effect. Remove it, or remove LOCALONLY if the method must run on that queue.`,
          fixes: [{ title: `Remove QUEUENAME(${annotation.arg ?? ''})`, edits: [removeAnnotationEdit(file.text, annotation)], isPreferred: true }],
        });
      }
    }
  },
};
