// The DriverKit family behind a personality (schemas/families.jsonc, driverkit.md §7): from the
// `IOUserClass` through the dext's own .iig classes to the first family class, or from an `IOClass`
// that names a DriverKit class instead of its kernel class.
import { getClassModel, type IigClass } from '../workspace/classes';
import type { WorkspaceFile } from '../workspace/files';
import type { Workspace } from '../workspace/workspace';
import { families, isGenericFamily, type Family } from '../knowledge/families';
import { chainOf } from './families';

/** The classes declared in the .iig files of the dext a file belongs to. */
export function dextClassesOf(workspace: Workspace, file: WorkspaceFile): IigClass[] {
  const dext = workspace.dextOf(file);
  return dext ? getClassModel(workspace).classesOf(dext) : [];
}

export interface ClassFamily {
  cls: IigClass;
  /** Class names from `cls` up to the first class not declared in the dext. */
  chain: string[];
  family?: Family;
}

// Families by class name, per list of a dext's classes: the class model keeps that list while
// only plists change, so a keystroke in an Info.plist finds every family already computed.
const familiesByClasses = new WeakMap<IigClass[], Map<string, ClassFamily | undefined>>();

/** A dext class with its superclass chain and the first family class on it (a shared object: read it, never change it). */
export function classFamily(classes: IigClass[], name: string): ClassFamily | undefined {
  let byName = familiesByClasses.get(classes);
  if (!byName) familiesByClasses.set(classes, (byName = new Map()));
  if (byName.has(name)) return byName.get(name);
  const found = computeClassFamily(classes, name);
  byName.set(name, found);
  return found;
}

function computeClassFamily(classes: IigClass[], name: string): ClassFamily | undefined {
  const cls = classes.find((c) => c.name === name);
  if (!cls) return undefined;
  const declared = chainOf(cls, classes);
  const chain = declared.map((c) => c.name);
  const base = declared[declared.length - 1]!.superclass;
  if (base && !chain.includes(base)) chain.push(base);
  const rows = families();
  for (const link of chain) {
    const family = rows.find((f) => f.superclass === link);
    if (family) return { cls, chain, family };
  }
  return { cls, chain };
}

/** The family whose DriverKit class an `IOClass` names when its kernel class is another one. */
export function familyMisnamedBy(ioClass: string): Family | undefined {
  return families().find((f) => f.superclass === ioClass && !isGenericFamily(f) && f.ioClass && f.ioClass !== ioClass);
}

/** The family one of whose dext classes (not a kernel class) an `IOClass` names, e.g. Apple's `AppleUserUSBHostHIDDevice`. */
export function familyOfNonKernelClass(ioClass: string): Family | undefined {
  return families().find((f) => f.notKernelClasses?.includes(ioClass));
}

/** The family rows whose kernel class an `IOClass` names. */
export function familiesOfKernelClass(ioClass: string): Family[] {
  return families().filter((f) => f.ioClass === ioClass);
}
