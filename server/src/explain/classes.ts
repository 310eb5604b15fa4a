// The class model's answers the explanations need: the QUEUENAME annotations of a class (or of
// every class), and the dext a class belongs to.
import { getClassModel, type IigClass } from '../workspace/classes';
import type { DextProduct } from '../workspace/model';
import type { Workspace } from '../workspace/workspace';
import { locationIn } from './locations';
import type { ConfigLocation } from './types';

export function dextOfClass(workspace: Workspace, className: string): DextProduct | undefined {
  const cls = getClassModel(workspace).get(className);
  return cls ? workspace.dextOf(cls.file) : undefined;
}

function queueLocations(cls: IigClass): ConfigLocation[] {
  const out: ConfigLocation[] = [];
  for (const method of cls.methods) {
    for (const a of method.annotations) {
      if (a.name === 'QUEUENAME') out.push(locationIn(cls.file, a.start, a.end, `${cls.name}::${method.name} QUEUENAME(${a.arg ?? ''})`));
    }
  }
  return out;
}

/**
 * `QUEUENAME(X)` annotations of the class named, or of every class. A named class without any
 * points at its declaration (that is where a QUEUENAME would go); an unknown name finds nothing.
 */
export function classQueueLocations(workspace: Workspace, className: string | undefined): ConfigLocation[] {
  const model = getClassModel(workspace);
  if (className === undefined) return [...model.classes.values()].flat().flatMap(queueLocations);
  return (model.classes.get(className) ?? []).flatMap((cls) => {
    const queues = queueLocations(cls);
    return queues.length ? queues : [locationIn(cls.file, cls.nameStart, cls.nameEnd, `class ${cls.name} (no QUEUENAME)`)];
  });
}
