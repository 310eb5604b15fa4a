import { iigScanOf } from '../../workspace/classes';
import { queueAnnotation, removeAnnotationEdit } from '../../dext/iig-annotations';
import { sdkQueue } from '../../dext/queues';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { RESOURCES_DEXT_INFO_PLIST, START_WITH_SUPER_CPP } from '../example-projects';

export const queueOnLocalonly: Rule = {
  meta: {
    id: 'queue-on-localonly',
    defaultSeverity: 'hint',
    appliesTo: ['iig'],
    fixable: true,
    sources: [SOURCES.userClientExternalMethod, SOURCES.localonlyDoc, SOURCES.queuenameDoc],
    docs: {
      summary: '`QUEUENAME` on a `LOCALONLY` method of your own: it does not move your own calls onto that queue.',
      what: 'Reports, as a hint, `QUEUENAME(X)` on a method that is `LOCALONLY` (itself or through a `LOCALONLY` class), unless the method overrides an SDK method that the SDK declares with the same `QUEUENAME` (such as `ExternalMethod` with `QUEUENAME(IOUserClientQueueExternalMethod)`: see `schemas/sdk-queues.jsonc`).',
      why: 'A `LOCALONLY` method is called directly in the dext’s process. `QUEUENAME` on it states the queue the *framework* uses when it invokes the method: Apple declares `IOUserClient::ExternalMethod` `LOCALONLY QUEUENAME(IOUserClientQueueExternalMethod)` and documents that it runs on the queue registered under that name, else on the default queue (IOUserClient.iig). On a helper that only your own code calls, the annotation does not move your calls onto that queue.',
      example: '```cpp\nvoid HandleInterrupt() LOCALONLY QUEUENAME(InterruptQueue);\n```',
      fix: 'Keep `QUEUENAME` when the method is a framework entry point. Otherwise remove it (the quick fix, not applied by `--fix`), or call the helper through `DispatchAsync`/`DispatchSync` on the queue.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    void HandleInterrupt() LOCALONLY QUEUENAME(InterruptQueue);\n};\n',
              'Driver/MyDriver.cpp': START_WITH_SUPER_CPP,
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    void HandleInterrupt() LOCALONLY;\n};\n',
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
        if (!annotation || !method.localOnly) continue;
        // An override of an SDK entry point the SDK declares with this very queue name.
        if (annotation.arg !== undefined && sdkQueue(annotation.arg)?.methods?.includes(method.name)) continue;
        report({
          start: annotation.start,
          end: annotation.end,
          message: `${cls.name}::${method.name} is LOCALONLY: your own calls to it run directly, on the caller's queue. QUEUENAME(${annotation.arg ?? ''}) only names the queue the framework uses when it invokes a method, so if only your code calls this one it does not run on that queue. Remove the annotation, or call it through DispatchAsync/DispatchSync on the queue.`,
          fixes: [{ title: `Remove QUEUENAME(${annotation.arg ?? ''})`, edits: [removeAnnotationEdit(file.text, annotation)] }],
        });
      }
    }
  },
};
