import { dextCodeOf, queueNamesOf, registrationsOf, runsFromStart } from '../../dext/queues';
import type { Rule } from '../types';

export const queueRegisteredLate: Rule = {
  meta: {
    id: 'queue-registered-late',
    defaultSeverity: 'warning',
    appliesTo: ['cpp'],
    fixable: false,
    docs: {
      summary: 'The only `SetDispatchQueue("X")` is in a method that does not run from `Start`.',
      what: 'Reports the registration of a `QUEUENAME` queue when every `SetDispatchQueue` for that name is in a method that is neither `Start` nor called (directly or through other methods of the class) from `Start`, e.g. in `UserInitializeController`.',
      why: 'Messages can arrive as soon as the service starts. A method whose queue is registered later runs on the Default queue until then; in the real report behind this rule, the queue was meant for `UserProcessParallelTask` and the dext panicked the kernel at load.',
      example: '```cpp\nkern_return_t IMPL(MyDriver, UserInitializeController)\n{\n    …\n    SetDispatchQueue("MyParallelIOQueue", ivars->ioQueue);\n}\n```',
      fix: 'Create and register the queue in `Start`, after `Start(provider, SUPERDISPATCH)`.',
    },
  },
  check({ file, workspace, report }) {
    const code = dextCodeOf(workspace, file);
    if (!code) return;
    for (const cls of code.classes) {
      const names = queueNamesOf(cls);
      if (!names.size) continue;
      const early = runsFromStart(code, cls.name);
      const registrations = registrationsOf(code, cls.name);
      for (const name of names) {
        const forName = registrations.filter((r) => r.stringArg?.value === name);
        if (!forName.length || forName.some((r) => early.has(r.body.method))) continue;
        for (const r of forName) {
          if (r.file !== file) continue;
          report({
            start: r.start,
            end: r.end,
            message: `Queue "${name}" is registered only in ${cls.name}::${r.body.method}, which does not run from Start: until then the QUEUENAME(${name}) methods run on the Default queue. Register it in Start, after Start(provider, SUPERDISPATCH).`,
          });
        }
      }
    }
  },
};
