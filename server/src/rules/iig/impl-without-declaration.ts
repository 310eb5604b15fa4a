import { nearest } from '../../text/edit-distance';
import { cppScanOf, declaredMethodsOf, dextCodeOf } from '../../dext/queues';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { CLEAN_DRIVER_PROJECT, RESOURCES_DEXT_INFO_PLIST, START_ONLY_IIG } from '../example-projects';

export const implWithoutDeclaration: Rule = {
  meta: {
    id: 'impl-without-declaration',
    defaultSeverity: 'warning',
    appliesTo: ['cpp'],
    fixable: false,
    sources: [SOURCES.superdispatchDoc],
    docs: {
      summary: '`IMPL(C, M)` (or `C::M_Impl`) where the `.iig` of `C` declares no `M`.',
      what: 'Reports `IMPL(Class, Method)` and its expanded form `Class::Method_Impl(…)` when `Class` is declared in the dext’s `.iig` files but neither it nor a class extension of it (`class EXTENDS(Class) …`) declares `Method` (a typo, a method removed from the `.iig`, or one that belongs to another class).',
      why: '`IMPL(Class, Method)` defines `Class::Method_Impl`, which exists only for a method the class’s `.iig` declares: expect a compile error about an undeclared member, far from the cause (iig’s generated code is not public, so the exact message varies). A misspelt override never receives its messages.',
      example: '```cpp\nkern_return_t IMPL(MyDriver, Strat) { … }\n```',
      fix: 'Declare the method in the class’s `.iig` (with `override` when it overrides a family method), or correct the name.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Strat)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    return RegisterService();\n}\n',
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
    // The dext's own classes: two dexts of a workspace may each declare a class of the same name.
    const code = dextCodeOf(workspace, file);
    if (!code) return;
    for (const body of cppScanOf(file).bodies) {
      if (body.form !== 'IMPL') continue;
      const cls = code.classes.find((c) => c.name === body.className && !c.extends);
      if (!cls) continue;
      const methods = declaredMethodsOf(code, body.className).map((m) => m.name);
      if (methods.includes(body.method)) continue;
      const suggestion = nearest(body.method, methods, 2);
      const header = file.text.slice(body.headerStart, body.headerEnd);
      report({
        start: body.headerStart,
        end: body.headerEnd,
        message: `${header}: ${cls.file.path.slice(cls.file.path.lastIndexOf('/') + 1)} declares no method ${body.method} in ${body.className}${suggestion ? ` (did you mean ${suggestion}?)` : ''}. Declare it in the .iig or fix the name.`,
      });
    }
  },
};
