// Finding and reading workspace files from disk, shared by the CLI's walk and the server's
// workspace scan so both see exactly the same files.
import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { decodePlistBytes } from '../plist';
import { kindFromName } from './files';
import { runToEnd, type Steps } from '../cancellation';
import { readRegularFile, type ReadPolicy, type RefusalReason } from './read';
import { pathToUri } from './uri';
import type { Workspace } from './workspace';

export { MAX_FILE_BYTES } from './read';

const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'build', 'DerivedData', '.build', 'Pods', '.svn', '.hg']);
/** A walk stops after this many entries (a configured `"profiles": ["/"]` must not walk the disk). */
export const MAX_WALK_ENTRIES = 200_000;

/** A file or folder the product did not read, and why: reported once, never silently dropped. */
export interface Skipped {
  path: string;
  reason: RefusalReason | 'walk-limit' | 'budget';
  detail: string;
  /** Files this entry stands for (a spent budget is one entry for every file past it). */
  count?: number;
}

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

/**
 * Every served file below `root` (or `root` itself when it is a file), iteratively. Links inside
 * are never followed; folders that cannot be listed and a walk past `maxEntries` go to `skipped`.
 */
export function walkFiles(root: string, skipped?: Skipped[], maxEntries = MAX_WALK_ENTRIES): string[] {
  return runToEnd(walkSteps(root, skipped, maxEntries));
}

/** `walkFiles` one folder per step: a walk of 200,000 entries takes a third of a second. */
export function* walkSteps(root: string, skipped?: Skipped[], maxEntries = MAX_WALK_ENTRIES): Steps<string[]> {
  const out: string[] = [];
  let stat;
  try {
    stat = statSync(root);
  } catch {
    return out;
  }
  if (stat.isFile()) return isServedPath(root) ? [root] : [];
  if (!stat.isDirectory()) return out;
  const stack = [root];
  let seen = 0;
  while (stack.length) {
    yield;
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      skipped?.push({ path: dir, reason: 'unreadable', detail: `${dir}: the folder cannot be listed` });
      continue;
    }
    seen += entries.length;
    if (seen > maxEntries) {
      skipped?.push({ path: root, reason: 'walk-limit', detail: `${root}: stopped after ${maxEntries} entries` });
      break;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!isSkippedDir(e.name)) stack.push(path);
      } else if (e.isFile() && isServedPath(path)) {
        // Node decodes a name that is not UTF-8 with U+FFFD: the path no longer names the file.
        if (e.name.includes('\uFFFD')) skipped?.push({ path, reason: 'unreadable', detail: `${path}: the file name is not valid UTF-8` });
        else out.push(path);
      }
    }
  }
  return out.sort();
}

/**
 * Reads a file as the service wants it: text for text files; for plists the bytes are decoded
 * (UTF-16, BOM) and binary plists and profiles keep their bytes.
 */
export function readServedFile(path: string, policy: ReadPolicy = {}, skipped?: Skipped[]): ServedContent | undefined {
  const read = readRegularFile(path, policy);
  if (!read.ok) {
    if (read.reason !== 'missing') skipped?.push({ path, reason: read.reason, detail: read.detail });
    return undefined;
  }
  return servedContent(path, read.bytes);
}

export interface ServedContent {
  text: string;
  bytes?: Uint8Array;
}

/** The bytes of a served file as the workspace keeps them. */
export function servedContent(path: string, bytes: Buffer): ServedContent {
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
