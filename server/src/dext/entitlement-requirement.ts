// `IOServiceDEXTEntitlements` read the way the kernel reads it (xnu IOUserServer.cpp
// `IOUserServer::checkEntitlements`): a string, or an array of alternatives, each a string or an
// array of strings that are all required; an entitlement counts when its key is present, whatever
// its value.
import type { PlistNode } from '../plist/types';
import type { WorkspaceFile } from '../workspace/files';
import { isUnresolvable } from './bundle-id';
import { topEntry } from './entitlements-file';

/** Alternatives, each a list of entitlement keys that must all be present. */
export type EntitlementRequirement = string[][];

/** The requirement, or undefined when its shape or a name is not known for certain. */
export function entitlementRequirement(node: PlistNode | undefined): EntitlementRequirement | undefined {
  const name = (n: PlistNode | undefined): string | undefined => {
    if (n?.kind !== 'string') return undefined;
    const t = n.text.trim();
    return t && !isUnresolvable(t) ? t : undefined;
  };
  if (node?.kind === 'string') {
    const one = name(node);
    return one ? [[one]] : undefined;
  }
  if (node?.kind !== 'array' || !node.items.length) return undefined;
  const out: EntitlementRequirement = [];
  for (const item of node.items) {
    if (item.kind === 'string') {
      const one = name(item);
      if (!one) return undefined;
      out.push([one]);
    } else if (item.kind === 'array') {
      const all = item.items.map(name);
      if (!all.length || all.some((x) => x === undefined)) return undefined;
      out.push(all as string[]);
    } else return undefined;
  }
  return out;
}

/** Whether an entitlements file satisfies the requirement (one alternative wholly present). */
export function satisfies(file: WorkspaceFile, requirement: EntitlementRequirement): boolean {
  return requirement.some((all) => all.every((key) => topEntry(file, key) !== undefined));
}

/** The requirement as text: `a and b, or c`. */
export function describeRequirement(requirement: EntitlementRequirement): string {
  return requirement.map((all) => all.map((k) => `'${k}'`).join(' and ')).join(', or ');
}
