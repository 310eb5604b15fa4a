// Where the shared reference folder (`shared/`: corpus, realworld, reference) is, if anywhere.
// It sits beside the repository (`../shared`); a git worktree under `<repo>/../wt/<name>` finds
// the same folder two levels up; DEXT_SHARED_DIR overrides both. Tests that read it pass
// `{ skip: SHARED_SKIP }` so they skip, with the reason, where it is absent.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../..');
const candidates = [process.env.DEXT_SHARED_DIR, join(repoRoot, '../shared'), join(repoRoot, '../../shared')].filter((p): p is string => !!p);

/** The shared folder, or undefined when none of the candidates exists. */
export const sharedDir: string | undefined = candidates.find((p) => existsSync(join(p, 'corpus')) || existsSync(join(p, 'realworld')));

/** `false` when the shared folder is there; otherwise the reason a test that needs it is skipped. */
export const SHARED_SKIP: string | false = sharedDir
  ? false
  : `no shared folder (looked in ${candidates.join(', ')}; set DEXT_SHARED_DIR): the real-project files are not in this checkout`;

/** A path inside the shared folder (an impossible path when it is absent: guard with SHARED_SKIP). */
export function sharedPath(...parts: string[]): string {
  return join(sharedDir ?? join(repoRoot, '../shared'), ...parts);
}
