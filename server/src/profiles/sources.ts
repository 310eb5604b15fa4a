// Profiles from outside the workspace folders: configured paths (files or folders) and Xcode's
// download folders. They join the workspace as files of kind `profile`.
import { readServedFile, walkFiles } from '../workspace/scan';
import { pathToUri } from '../workspace/uri';
import type { Workspace } from '../workspace/workspace';

export function loadProfilesFrom(paths: string[], workspace: Workspace): number {
  let count = 0;
  for (const root of paths) {
    for (const path of walkFiles(root)) {
      if (!/\.(provisionprofile|mobileprovision)$/i.test(path)) continue;
      const uri = pathToUri(path);
      if (workspace.get(uri)) continue;
      const content = readServedFile(path);
      if (!content) continue;
      workspace.set(uri, content.text, 0, content.bytes);
      count++;
    }
  }
  return count;
}
