// Profiles from outside the workspace folders: configured paths (files or folders) and Xcode's
// download folders. They join the workspace as files of kind `profile`.
import { isAllowedPath, resolvedPath } from '../workspace/read';
import { readServedFile, walkFiles, type Skipped } from '../workspace/scan';
import { pathToUri } from '../workspace/uri';
import type { Workspace } from '../workspace/workspace';

export interface ProfileSourcePolicy {
  /** Folders the paths must resolve into (a repository's config must not reach the rest of the disk); undefined: anywhere. */
  within?: readonly string[];
  /** What was not read, and why. */
  skipped?: Skipped[];
}

const PROFILE_NAME = /\.(provisionprofile|mobileprovision)$/i;

export function loadProfilesFrom(paths: string[], workspace: Workspace, policy: ProfileSourcePolicy = {}): number {
  const { within, skipped } = policy;
  let count = 0;
  for (const root of paths) {
    const real = resolvedPath(root);
    if (real === undefined) continue; // Xcode's folders often do not exist; a missing configured path is the config's to report
    if (within && !isAllowedPath(root, real, within)) {
      skipped?.push({ path: root, reason: 'outside', detail: `${root}: a configured profile path must lie inside the workspace or Xcode's profile folders` });
      continue;
    }
    for (const path of walkFiles(real, skipped)) {
      if (!PROFILE_NAME.test(path)) continue;
      const uri = pathToUri(path);
      if (workspace.get(uri)) continue;
      const content = readServedFile(path, { within: within ?? [real] }, skipped);
      if (!content) continue;
      workspace.set(uri, content.text, 0, content.bytes);
      count++;
    }
  }
  return count;
}
