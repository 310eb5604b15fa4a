// `com.apple.developer.driverkit.userclient-access`: reading the ids it grants (a string or an
// array of strings; an entry may be `bundle.id:UserClientClass`).
import type { PlistScalar } from '../plist/types';
import type { WorkspaceFile } from '../workspace/files';
import type { Workspace } from '../workspace/workspace';
import { topEntry } from './entitlements-file';

export const USERCLIENT_ACCESS = 'com.apple.developer.driverkit.userclient-access';

/** The ids in a string, split on whitespace. */
export function splitIds(text: string): string[] {
  return text.split(/\s+/).filter((s) => s.length > 0);
}

/** The bundle id an entry names: `com.example.driver:MyUserClient` → `com.example.driver`. */
export function bundleIdOfEntry(entry: string): string {
  const colon = entry.indexOf(':');
  return colon < 0 ? entry : entry.slice(0, colon);
}

/** The string nodes of the file's userclient-access (one string, or the array's strings). */
export function userclientAccessNodes(file: WorkspaceFile): PlistScalar[] {
  const value = topEntry(file, USERCLIENT_ACCESS)?.value;
  if (!value) return [];
  if (value.kind === 'string') return [value];
  if (value.kind === 'array') return value.items.filter((i): i is PlistScalar => i.kind === 'string');
  return [];
}

/**
 * The bundle ids the file means to grant: joined or padded strings are split, since
 * userclient-access-joined reports those and other rules should not report the same id again.
 */
export function intendedBundleIds(file: WorkspaceFile): Set<string> {
  return new Set(userclientAccessNodes(file).flatMap((n) => splitIds(n.text)).map(bundleIdOfEntry));
}

export interface WorkspaceDextIds {
  /** The dexts' bundle ids, each once, in the model's order. */
  ids: readonly string[];
  has: ReadonlySet<string>;
  /** Every dext of the workspace has a resolved bundle id (none is a `$(VAR)` left open). */
  allKnown: boolean;
}

/** The bundle ids of the workspace's dexts, made once per model: rules ask for them per file. */
export function workspaceDextIds(workspace: Workspace): WorkspaceDextIds {
  return workspace.derived('entitlements:dext-ids', (ws) => {
    const dexts = ws.getModel().dexts;
    const has = new Set(dexts.flatMap((d) => d.bundleIds));
    return { ids: [...has], has, allKnown: dexts.length > 0 && dexts.every((d) => d.bundleIds.length > 0) };
  }, []);
}
