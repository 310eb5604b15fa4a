import { iigScanOf } from '../../workspace/classes';
import { queueAnnotation } from '../../dext/iig-annotations';
import { C_IDENTIFIER } from '../../dext/queues';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { RESOURCES_DEXT_INFO_PLIST } from '../example-projects';

const MAX_QUEUE_NAME_BYTES = 255;

export const queueNameInvalid: Rule = {
  meta: {
    id: 'queue-name-invalid',
    defaultSeverity: 'error',
    appliesTo: ['iig'],
    fixable: false,
    sources: [SOURCES.osObjectQueueName, SOURCES.osObjectQueueNameSize, SOURCES.kernelSetDispatchQueue],
    docs: {
      summary: 'A `QUEUENAME` argument that is quoted or longer than 255 bytes (error), or empty or not a C identifier (warning).',
      what: 'Reports `QUEUENAME("Io")` (a quoted argument) and an argument longer than 255 bytes as errors; `QUEUENAME()` and an argument that is not a C identifier (`QUEUENAME(my-queue)`) as warnings.',
      why: '`QUEUENAME(name)` is `annotate("queuename=" # name)` in OSObject.iig: the token is stringised, so `QUEUENAME("Io")` names the queue `"Io"`, quotes included, which `SetDispatchQueue("Io", …)` never matches (names are compared exactly). Queue names are `char[256]` (OSObject.iig). Whether iig accepts an empty or non-identifier argument is not public: such names are at best confusing.',
      example: '```cpp\nvirtual kern_return_t CopyEvent(…) override QUEUENAME("EventQueue");\n```',
      fix: 'Write a plain identifier: `QUEUENAME(EventQueue)`, and register it with `SetDispatchQueue("EventQueue", queue)`.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t CopyEvent(uint64_t * event) QUEUENAME("EventQueue");\n};\n',
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    ret = IODispatchQueue::Create("EventQueue", 0, 0, &ivars->eventQueue);\n    if (ret != kIOReturnSuccess) return ret;\n    SetDispatchQueue("EventQueue", ivars->eventQueue);\n    return RegisterService();\n}\n',
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t CopyEvent(uint64_t * event) QUEUENAME(EventQueue);\n};\n',
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    ret = IODispatchQueue::Create("EventQueue", 0, 0, &ivars->eventQueue);\n    if (ret != kIOReturnSuccess) return ret;\n    SetDispatchQueue("EventQueue", ivars->eventQueue);\n    return RegisterService();\n}\n',
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
        if (!annotation) continue;
        const name = annotation.arg ?? '';
        const bytes = Buffer.byteLength(name, 'utf8');
        const quoted = /^["'].*["']$/s.test(name);
        const [problem, certain] = quoted
          ? [`is quoted: iig stringises the argument, so the queue is named ${name} with its quotes, and SetDispatchQueue("${name.slice(1, -1)}", …) never matches it`, true]
          : bytes > MAX_QUEUE_NAME_BYTES
            ? [`is ${bytes} bytes long (queue names hold at most ${MAX_QUEUE_NAME_BYTES})`, true]
            : !name
              ? ['is empty', false]
              : !C_IDENTIFIER.test(name)
                ? ['is not a C identifier', false]
                : [undefined, false];
        if (!problem) continue;
        report({
          start: annotation.argStart ?? annotation.start,
          end: annotation.argEnd ?? annotation.end,
          message: `The QUEUENAME of ${cls.name}::${method.name} ${problem}: write a plain identifier such as QUEUENAME(${method.name}Queue) and register that name with SetDispatchQueue.`,
          ...(certain ? {} : { severity: 'warning' as const }),
        });
      }
    }
  },
};
