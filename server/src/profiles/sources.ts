// Profiles from outside the workspace folders: configured paths (files or folders) and Xcode's
// download folders. They join the workspace as files of kind `profile`.
import { statSync } from 'node:fs';
import { describeRefusal, isAllowedPath, resolvedPath } from '../workspace/read';
import { readServedFile, walkFiles, type Skipped } from '../workspace/scan';
import { pathToUri } from '../workspace/uri';
import type { Workspace } from '../workspace/workspace';

export interface ProfileSourcePolicy {
  /** Folders the paths must resolve into (a repository's config must not reach the rest of the disk); undefined: anywhere. */
  within?: readonly string[];
  /** What was not read, and why (a path that does not exist is not: Xcode's folders often do not). */
  skipped?: Skipped[];
}

const PROFILE_NAME = /\.(provisionprofile|mobileprovision)$/i;

export interface ProfilesLoaded {
  /** Profiles that joined the workspace. */
  loaded: number;
  /**
   * For each path not wholly read, what was refused there (the path itself, or files and folders
   * below it): the config entry that names it says why.
   */
  refused: Map<string, Skipped[]>;
}

/** Adds the profiles at or below each path to the workspace (those it holds already are kept). */
export function loadProfilesFrom(paths: string[], workspace: Workspace, policy: ProfileSourcePolicy = {}): ProfilesLoaded {
  const out: ProfilesLoaded = { loaded: 0, refused: new Map() };
  for (const root of paths) {
    const skipped: Skipped[] = [];
    out.loaded += loadProfilesAt(root, workspace, policy.within, skipped);
    if (!skipped.length) continue;
    out.refused.set(root, skipped);
    policy.skipped?.push(...skipped.filter((s) => s.reason !== 'missing'));
  }
  return out;
}

/** The profiles at or below `root` into the workspace; returns how many joined it. */
function loadProfilesAt(root: string, workspace: Workspace, within: readonly string[] | undefined, skipped: Skipped[]): number {
  const real = resolvedPath(root);
  if (real === undefined) {
    skipped.push({ path: root, reason: 'missing', detail: `${root} ${describeRefusal('missing')}` });
    return 0;
  }
  if (within && !isAllowedPath(root, real, within)) {
    skipped.push({ path: root, reason: 'outside', detail: `${root}: a configured profile path must lie inside the workspace or Xcode's profile folders` });
    return 0;
  }
  // A FIFO, a device or a socket: never opened (the walk would pass it over without a word).
  const stat = statOf(real);
  if (stat && !stat.isFile() && !stat.isDirectory()) {
    skipped.push({ path: root, reason: 'not-a-file', detail: `${root} ${describeRefusal('not-a-file')}` });
    return 0;
  }
  let loaded = 0;
  const walked = skipped.length;
  for (const path of walkFiles(real, skipped)) {
    if (!PROFILE_NAME.test(path)) continue;
    const uri = pathToUri(path);
    if (workspace.get(uri)) continue;
    const content = readServedFile(path, { within: within ?? [real] }, skipped);
    if (!content) continue;
    workspace.set(uri, content.text, 0, content.bytes);
    loaded++;
  }
  // The walk names the resolved root (a linked folder's target): what it says of the root, it says of the entry.
  for (const s of skipped.slice(walked)) if (s.path === real) s.path = root;
  return loaded;
}

function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
