import { chainOf } from '../../dext/families';
import { bodiesOf, cppScanOf, declaredMethodsOf, dextCodeOf, reachedFrom } from '../../dext/queues';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { RESOURCES_DEXT_INFO_PLIST, START_WITH_SUPER_CPP } from '../example-projects';

export const missingRegisterService: Rule = {
  meta: {
    id: 'missing-register-service',
    defaultSeverity: 'warning',
    appliesTo: ['cpp'],
    fixable: false,
    sources: [SOURCES.registerServiceDoc, SOURCES.hidRegisterService],
    docs: {
      summary: 'A service that offers a user client (overrides `NewUserClient`) never calls `RegisterService()` from `Start`.',
      what: 'Reports `IMPL(C, Start)` (or `C::Start_Impl`) when `C` derives directly from `IOService` through the project’s own classes, overrides `NewUserClient`, and neither `Start` nor any method of the class it calls (helpers, blocks, the handlers of actions it creates) calls `RegisterService()`. Classes of a DriverKit family are not checked: a family may register the service itself.',
      why: 'Apple’s `RegisterService` page: “After setting up your service in your custom Start method, call this method to let the system know your service is running.” Until the service is registered, apps cannot find it in the registry to open the user client it offers.',
      example: '```cpp\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    return kIOReturnSuccess;   // never RegisterService()\n}\n```',
      fix: 'Call `RegisterService()` at the end of `Start`, once the service is ready for clients.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    return kIOReturnSuccess;\n}\n',
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t NewUserClient(uint32_t type, IOUserClient ** userClient) override;\n};\n',
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/MyDriver.cpp': START_WITH_SUPER_CPP,
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t NewUserClient(uint32_t type, IOUserClient ** userClient) override;\n};\n',
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
      if (body.form !== 'IMPL' || body.method !== 'Start') continue;
      const cls = code.classes.find((c) => c.name === body.className && !c.extends);
      if (!cls) continue;
      // Only direct IOService subclasses: a DriverKit family may register the service itself.
      const chain = chainOf(cls, code.classes);
      if (chain[chain.length - 1]!.superclass !== 'IOService') continue;
      const offers = chain.some((c) => declaredMethodsOf(code, c.name).some((m) => m.name === 'NewUserClient'));
      if (!offers) continue;
      const reached = reachedFrom(code, cls.name, ['Start']);
      const registers = bodiesOf(code, cls.name).some((b) => reached.has(b.method) && b.calls.has('RegisterService'));
      if (registers) continue;
      report({
        start: body.headerStart,
        end: body.headerEnd,
        message: `${cls.name} offers a user client (it overrides NewUserClient), but neither Start nor a method it calls calls RegisterService(): until the service is registered, apps cannot find it to open a connection. Call RegisterService() at the end of Start (Apple: "After setting up your service in your custom Start method, call this method").`,
      });
    }
  },
};
