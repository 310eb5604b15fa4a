// A binary (`bplist00`) plist is checked read-only: its nodes carry no text spans, so a text edit
// would land at offset 0 and corrupt the file. Wrapping a rule keeps its diagnostics there and
// drops its fixes. Its parts, if it has any, are kept: validation checks binary plists whole,
// through `check` (kept.ts).
import type { Rule } from '../types';

export function readOnlyOnBinary(rule: Rule): Rule {
  return {
    meta: rule.meta,
    ...(rule.parts ? { parts: rule.parts } : {}),
    check(context) {
      if (!context.file.plist.binary) return rule.check(context);
      rule.check({ ...context, report: (r) => context.report({ ...r, fixes: [] }) });
    },
  };
}
