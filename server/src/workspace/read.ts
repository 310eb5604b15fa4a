// The one way the product reads a file from disk (scan, watcher events, open and close, profiles,
// configuration, CLI paths). A path from a protocol message or a repository's config can name a
// FIFO, a device, a procfs file or a link out of the workspace: `readFileSync` would block in
// open() forever on the first, read without end on the next two (their size is 0), and echo the
// last. So: opened non-blocking, checked on the descriptor (not the path, which can change in
// between), read with a hard cap whatever `stat` says, links followed only into allowed folders.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isInside } from './uri';

/** Files larger than this are not read (a 10 MB Info.plist still is). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export type RefusalReason = 'missing' | 'unreadable' | 'not-a-file' | 'too-large' | 'outside';

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; reason: RefusalReason; detail: string };

export interface ReadPolicy {
  /**
   * Folders a path must resolve into (after following links). Undefined: links are followed only
   * when the path's own folders allow it, i.e. a path that is not itself a link may lie anywhere.
   */
  within?: readonly string[];
  /** Read at most this many bytes (default MAX_FILE_BYTES); a larger file is refused. */
  maxBytes?: number;
}

/** For a path the user typed (`--config`, `dextlint explain FILE`): their links are theirs to follow. */
export const ANYWHERE: readonly string[] = ['/'];

const REASON_TEXT: Record<RefusalReason, string> = {
  missing: 'does not exist',
  unreadable: 'cannot be read',
  'not-a-file': 'is not a regular file',
  'too-large': 'is too large',
  outside: 'resolves outside the workspace',
};

export function describeRefusal(reason: RefusalReason): string {
  return REASON_TEXT[reason];
}

/** The path with every link resolved; undefined when it does not exist or cannot be resolved. */
export function resolvedPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Whether `path`, once its links are resolved, lies where the policy allows: inside one of
 * `within` (compared resolved, so a workspace under a linked /tmp still matches), or anywhere when
 * the file itself is not a link.
 */
export function isAllowedPath(path: string, real: string, within: readonly string[] | undefined): boolean {
  if (!within) {
    // Linked parent folders (macOS's /tmp → /private/tmp) are fine; the file itself must not be a link.
    const absolute = resolve(path);
    return real === join(resolvedPath(dirname(absolute)) ?? dirname(absolute), basename(absolute));
  }
  // The folder as given first: a scan passes folders already resolved, and a realpath per file and folder costs.
  return within.some((folder) => isInside(real, resolve(folder)) || isInside(real, resolvedPath(folder) ?? resolve(folder)));
}

const refuse = (reason: RefusalReason, path: string): ReadResult => ({ ok: false, reason, detail: `${path} ${REASON_TEXT[reason]}` });

/** Reads a regular file under the policy; never blocks, never reads more than the cap (+1 byte). */
export function readRegularFile(path: string, policy: ReadPolicy = {}): ReadResult {
  const maxBytes = policy.maxBytes ?? MAX_FILE_BYTES;
  const real = resolvedPath(path);
  if (real === undefined) return refuse('missing', path);
  if (!isAllowedPath(path, real, policy.within)) return refuse('outside', path);
  let fd: number;
  try {
    // The resolved path is opened, so a link swapped in after the check is not followed.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(code === 'ENOENT' ? 'missing' : code === 'ELOOP' ? 'outside' : 'unreadable', path);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return refuse('not-a-file', path);
    if (stat.size > maxBytes) return refuse('too-large', path);
    // procfs and sysfs files say size 0 and can be endless: read to the cap, whatever stat said.
    const chunks: Buffer[] = [];
    let total = 0;
    // Whole chunks (procfs's pagemap refuses reads that are not 8-byte aligned): at most one chunk past the cap.
    const chunkSize = Math.max(stat.size + 1, 64 * 1024);
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkSize);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        return refuse((error as NodeJS.ErrnoException).code === 'EISDIR' ? 'not-a-file' : 'unreadable', path);
      }
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return refuse('too-large', path);
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } finally {
    closeSync(fd);
  }
}
