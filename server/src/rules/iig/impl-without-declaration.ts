import { nearest } from '../../text/edit-distance';
import { cppScanOf, dextCodeOf } from '../../dext/queues';
import type { Rule } from '../types';

export const implWithoutDeclaration: Rule = {
  meta: {
    id: 'impl-without-declaration',
    defaultSeverity: 'warning',
    appliesTo: ['cpp'],
    fixable: false,
    docs: {
      summary: '`IMPL(C, M)` where the `.iig` of `C` declares no `M`.',
      what: 'Reports `IMPL(Class, Method)` when `Class` is declared in the workspace’s `.iig` files but does not declare `Method` (a typo, a method removed from the `.iig`, or one that belongs to another class).',
      why: 'iig generates the `IMPL` glue only for methods declared in the class: the build fails with an error about an undeclared `Method_Impl`, far from the cause; a misspelt override never receives its messages.',
      example: '```cpp\nkern_return_t IMPL(MyDriver, Strat) { … }\n```',
      fix: 'Declare the method in the class’s `.iig` (with `override` when it overrides a family method), or correct the name.',
    },
  },
  check({ file, workspace, report }) {
    // The dext's own classes: two dexts of a workspace may each declare a class of the same name.
    const classes = dextCodeOf(workspace, file)?.classes ?? [];
    for (const body of cppScanOf(file).bodies) {
      if (body.form !== 'IMPL') continue;
      const cls = classes.find((c) => c.name === body.className);
      if (!cls || cls.methods.some((m) => m.name === body.method)) continue;
      const suggestion = nearest(body.method, cls.methods.map((m) => m.name), 2);
      report({
        start: body.headerStart,
        end: body.headerEnd,
        message: `IMPL(${body.className}, ${body.method}): ${cls.file.path.slice(cls.file.path.lastIndexOf('/') + 1)} declares no method ${body.method} in ${body.className}${suggestion ? ` (did you mean ${suggestion}?)` : ''}. Declare it in the .iig or fix the name.`,
      });
    }
  },
};
