// The personalities of a dext Info.plist as the matcher reads them: plain values, with build
// variables resolved through the dext's Xcode target when the workspace can (the same resolution
// the personality rules use); what stays unresolved is named, so it is never a false mismatch.
import { toValue } from '../plist';
import type { PlistEntry } from '../plist/types';
import { bundleContextOf, isUnresolvable } from '../dext/bundle-id';
import { personalitiesOf } from '../dext/context';
import type { WorkspaceFile } from '../workspace/files';
import type { Workspace } from '../workspace/workspace';
import type { Props } from './dump';
import type { MatchPersonality } from './match';

export interface FilePersonality extends MatchPersonality {
  /** The personality's entry in IOKitPersonalities (its name key is where diagnostics sit). */
  entry: PlistEntry;
  /** The entries of its keys, last one wins (as CFPropertyList). */
  keys: Map<string, PlistEntry>;
}

export function matchPersonalitiesOf(workspace: Workspace, file: WorkspaceFile): FilePersonality[] {
  const bundle = bundleContextOf(workspace, file);
  return personalitiesOf(file).map((p) => {
    const values = (toValue(p.dict) ?? {}) as Props;
    const unresolved = new Set<string>();
    const keys = new Map<string, PlistEntry>();
    for (const e of p.dict.entries) keys.set(e.key, e);
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== 'string' || !isUnresolvable(value)) continue;
      const resolved = bundle.resolve(value);
      if (resolved === undefined) unresolved.add(key);
      else values[key] = resolved;
    }
    return { name: p.name, values, unresolved, entry: p.entry, keys };
  });
}
