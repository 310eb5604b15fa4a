// The dext's bundle id as the personality rules see it: resolved through the dext target of
// project.pbxproj when there is one, else only literal values (driverkit.md §1: never compare
// against an unresolved variable).
import { resolveInTarget, settingValues } from '../pbxproj/project';
import { literalValue } from '../pbxproj/variables';
import type { WorkspaceFile } from '../workspace/files';
import type { Workspace } from '../workspace/workspace';
import { infoRoot, stringOf } from './personalities';

export interface BundleContext {
  /** The target's settings resolve variables. */
  fromProject: boolean;
  /** The dext's bundle id, when known for certain. */
  bundleId?: string;
  /** A value with its variables resolved; undefined when any stays unresolved. */
  resolve(text: string): string | undefined;
}

export function isUnresolvable(text: string): boolean {
  return literalValue(text) === undefined;
}

export function bundleContextOf(workspace: Workspace, file: WorkspaceFile): BundleContext {
  const dext = workspace.dextOf(file);
  if (dext?.project && dext.target) {
    const { project, target } = dext;
    // The target's own setting: the model's bundleIds fall back to IOUserServerName, which is
    // what this file's rules check.
    const ids = settingValues(project, target, 'PRODUCT_BUNDLE_IDENTIFIER').filter((id) => !isUnresolvable(id));
    return {
      fromProject: true,
      bundleId: ids.length === 1 ? ids[0] : undefined,
      resolve: (text) => {
        const value = resolveInTarget(project, target, text);
        return value === undefined || isUnresolvable(value) ? undefined : value;
      },
    };
  }
  const literal = (text: string) => (isUnresolvable(text) ? undefined : text);
  const top = stringOf(infoRoot(file), 'CFBundleIdentifier');
  return { fromProject: false, bundleId: top ? literal(top) : undefined, resolve: literal };
}

/** The first two dot-separated parts of a bundle id (the "organization" of shared processes). */
export function organizationOf(bundleId: string): string {
  return bundleId.split('.').slice(0, 2).join('.');
}
