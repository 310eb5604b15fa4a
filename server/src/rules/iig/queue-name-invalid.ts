import { iigScanOf } from '../../workspace/classes';
import { queueAnnotation } from '../../dext/iig-annotations';
import { C_IDENTIFIER } from '../../dext/queues';
import type { Rule } from '../types';

const MAX_QUEUE_NAME_BYTES = 255;

export const queueNameInvalid: Rule = {
  meta: {
    id: 'queue-name-invalid',
    defaultSeverity: 'error',
    appliesTo: ['iig'],
    fixable: false,
    docs: {
      summary: 'A `QUEUENAME` argument that is not a C identifier, is empty, or is longer than 255 bytes.',
      what: 'Reports `QUEUENAME()` with an empty argument, one that is not a C identifier (`QUEUENAME("Io")`, `QUEUENAME(my-queue)`), or one longer than 255 bytes.',
      why: 'iig turns the argument into a queue name string; queue names are `char[256]`. A quoted or malformed argument makes iig fail or names a queue that `SetDispatchQueue` can never register.',
      example: '```cpp\nvirtual kern_return_t CopyEvent(…) override QUEUENAME("EventQueue");\n```',
      fix: 'Write a plain identifier: `QUEUENAME(EventQueue)`, and register it with `SetDispatchQueue("EventQueue", queue)`.',
    },
  },
  check({ file, report }) {
    for (const cls of iigScanOf(file).classes) {
      for (const method of cls.methods) {
        const annotation = queueAnnotation(method);
        if (!annotation) continue;
        const name = annotation.arg ?? '';
        const bytes = Buffer.byteLength(name, 'utf8');
        const problem = !name
          ? 'is empty'
          : bytes > MAX_QUEUE_NAME_BYTES
            ? `is ${bytes} bytes long (queue names hold at most ${MAX_QUEUE_NAME_BYTES})`
            : !C_IDENTIFIER.test(name)
              ? 'is not a C identifier'
              : undefined;
        if (!problem) continue;
        report({
          start: annotation.argStart ?? annotation.start,
          end: annotation.argEnd ?? annotation.end,
          message: `The QUEUENAME of ${cls.name}::${method.name} ${problem}: write a plain identifier such as QUEUENAME(${method.name}Queue) and register that name with SetDispatchQueue.`,
        });
      }
    }
  },
};
