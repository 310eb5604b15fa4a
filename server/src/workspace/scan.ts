// Finding and reading workspace files from disk, shared by the CLI's walk and the server's
// workspace scan so both see exactly the same files.
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { decodePlistBytes } from '../plist';
import { kindFromName } from './files';
import { pathToUri } from './uri';
import type { Workspace } from './workspace';

const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'build', 'DerivedData', '.build', 'Pods', '.svn', '.hg']);
/** Files larger than this are not read by the scan (a 10 MB Info.plist still is). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export function isSkippedDir(name: string): boolean {
  return SKIPPED_DIRS.has(name) || name.endsWith('.xcarchive');
}

/** Whether a file exists on disk (a file the workspace does not hold, e.g. outside its folders). */
export function existsOnDisk(path: string): boolean {
  try {
    return path.startsWith('/') && existsSync(path);
  } catch {
    return false;
  }
}

/** Whether a path names a file the service reads. */
export function isServedPath(path: string): boolean {
  return kindFromName(path) !== undefined;
}

/** Every served file below `root` (or `root` itself when it is a file), iteratively. */
export function walkFiles(root: string): string[] {
  const out: string[] = [];
  let stat;
  try {
    stat = statSync(root);
  } catch {
    return out;
  }
  if (stat.isFile()) return isServedPath(root) ? [root] : [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!isSkippedDir(e.name)) stack.push(path);
      } else if (e.isFile() && isServedPath(path)) out.push(path);
    }
  }
  return out.sort();
}

/**
 * Reads a file as the service wants it: text for text files; for plists the bytes are decoded
 * (UTF-16, BOM) and binary plists and profiles keep their bytes.
 */
export function readServedFile(path: string): { text: string; bytes?: Uint8Array } | undefined {
  let bytes: Buffer;
  try {
    if (statSync(path).size > MAX_FILE_BYTES) return undefined;
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const kind = kindFromName(path);
  if (kind === 'profile') return { text: '', bytes };
  if (kind === 'plist' || kind === 'entitlements') {
    const decoded = decodePlistBytes(bytes);
    return decoded.encoding === 'binary' ? { text: '', bytes } : { text: decoded.text };
  }
  return { text: bytes.toString('utf8') };
}

/** Adds every served file below `root` to the workspace; returns their URIs. */
export function loadFolder(workspace: Workspace, root: string): string[] {
  const uris: string[] = [];
  for (const path of walkFiles(root)) {
    const content = readServedFile(path);
    if (!content) continue;
    const uri = pathToUri(path);
    workspace.set(uri, content.text, 0, content.bytes);
    uris.push(uri);
  }
  return uris;
}
