import { iigScanOf } from '../../workspace/classes';
import { queueAnnotation, removeAnnotationEdit } from '../../dext/iig-annotations';
import type { Rule } from '../types';
import { SOURCES } from './sources';

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
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    return RegisterService();\n}\n',
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDriver</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUserResources</string>\n\t\t\t<key>IOMatchCategory</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOResourceMatch</key>\n\t\t\t<string>IOKit</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n};\n',
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    return RegisterService();\n}\n',
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDriver</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUserResources</string>\n\t\t\t<key>IOMatchCategory</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOResourceMatch</key>\n\t\t\t<string>IOKit</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
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
