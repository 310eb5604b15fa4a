// The DriverKit family a dext class derives from (schemas/families.jsonc), through the project's
// own classes: MyController → MyBaseController → IOUserSCSIParallelInterfaceController.
import { families, type Family } from '../knowledge/families';
import type { IigClass } from '../workspace/classes';

/** The class's chain through `classes` (the dext's own), ending at the first undeclared class. */
export function chainOf(cls: IigClass, classes: IigClass[]): IigClass[] {
  const chain = [cls];
  const seen = new Set([cls.name]);
  let current = cls;
  while (current.superclass && !seen.has(current.superclass)) {
    const next = classes.find((c) => c.name === current.superclass);
    if (!next) break;
    chain.push(next);
    seen.add(next.name);
    current = next;
  }
  return chain;
}

export function familyOf(cls: IigClass, classes: IigClass[]): Family | undefined {
  const chain = chainOf(cls, classes);
  const base = chain[chain.length - 1]!.superclass;
  return base ? families().find((f) => f.superclass === base) : undefined;
}
