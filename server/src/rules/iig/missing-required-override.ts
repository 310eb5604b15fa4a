import { dextCodeOf, classesInFile } from '../../dext/queues';
import { chainOf, familyOf } from '../../dext/families';
import type { Rule } from '../types';

export const missingRequiredOverride: Rule = {
  meta: {
    id: 'missing-required-override',
    defaultSeverity: 'warning',
    appliesTo: ['iig'],
    fixable: false,
    docs: {
      summary: 'A class deriving from a family class does not override a method the family requires, or overrides one the family does not have.',
      what: 'For a class whose chain of superclasses reaches a DriverKit family in `schemas/families.jsonc`, reports the family’s must-override methods that neither the class nor its own superclasses in the project declare, and an `override` of a method the family does not have (e.g. `UserStopController` on `IOUserSCSIParallelInterfaceController`). Obligations come from the family table, never from `TYPE(…)` callback prototypes or generated headers, whose `LOCALONLY` virtuals are all `= 0`.',
      why: 'A missing dispatched method compiles and fails at run time: the dext starts and exits with nothing logged. An override of a method the family lacks never runs.',
      example: '```cpp\nclass MyHBA : public IOUserSCSIParallelInterfaceController\n{\n    virtual kern_return_t UserStopController() override;  // not a family method\n};\n```',
      fix: 'Declare (and implement with `IMPL`) every method the family requires; remove overrides of methods it does not have.',
    },
  },
  check({ file, workspace, report }) {
    const code = dextCodeOf(workspace, file);
    const classes = code?.classes ?? [];
    for (const cls of code ? classesInFile(code, file) : []) {
      const family = familyOf(cls, classes);
      if (!family) continue;
      const declared = new Set(chainOf(cls, classes).flatMap((c) => c.methods.map((m) => m.name)));
      // Only the most derived class in a project chain owes the family its methods.
      const isBase = classes.some((c) => c.superclass === cls.name);
      const missing = isBase ? [] : family.requiredOverrides.filter((m) => !declared.has(m));
      const verify = family.requiredOverridesConfidence === 'M' || family.verify ? ' (from the family table; verify against the SDK)' : '';
      if (missing.length) {
        report({
          start: cls.nameStart,
          end: cls.nameEnd,
          message: `${cls.name} derives from ${family.superclass} but does not override ${missing.join(', ')}${verify}: a missing dispatched method compiles, then the dext exits at run time with nothing logged. Declare and implement them.`,
        });
      }
      for (const m of cls.methods) {
        if (!m.override || !family.nonexistentMethods.includes(m.name)) continue;
        report({
          start: m.nameStart,
          end: m.nameEnd,
          message: `${family.superclass} has no method ${m.name}: this override is never called. Remove it (or move its work to a method the family has).`,
        });
      }
    }
  },
};
