// The dumps a workspace is checked against: those named by `dext.matching.dumps` and the one the
// developer last picked (or read from this Mac). Kept per workspace, beside it, so the rules that
// report on personalities read them without a new field on the Workspace class.
import type { Workspace } from '../workspace/workspace';
import type { RegistryDump } from './dump';

export interface LoadedDump {
  /** Where it came from: a path, or `ioreg -a -l` (this Mac). */
  source: string;
  dump: RegistryDump;
}

const byWorkspace = new WeakMap<Workspace, LoadedDump[]>();

export function activeDumps(workspace: Workspace): readonly LoadedDump[] {
  return byWorkspace.get(workspace) ?? [];
}

export function setActiveDumps(workspace: Workspace, dumps: LoadedDump[]): void {
  byWorkspace.set(workspace, dumps);
}
