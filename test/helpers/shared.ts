// `shared/` beside the clone: the real corpus, the real projects and the reference documents.
// CI has it (`../shared`); a user's clone does not. A git worktree under `<repo>/../wt/<name>`
// finds the same folder two levels up; DEXT_SHARED_DIR overrides both. Tests that read it skip
// with one stated reason, which test/run.mjs counts and reports once at the end of the run.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

export const repoRoot = resolve(__dirname, '..', '..');
const candidates = [process.env.DEXT_SHARED_DIR, join(repoRoot, '..', 'shared'), join(repoRoot, '..', '..', 'shared')].filter((p): p is string => !!p);
const found = candidates.find((p) => existsSync(join(p, 'corpus', 'MANIFEST.md')));

/** The shared folder (an absent path when there is none: guard with `needsShared`). */
export const sharedDir = found ?? join(repoRoot, '..', 'shared');
export const sharedPresent = found !== undefined;

/** The skip reason of every test that needs ../shared (test/run.mjs looks for "needs ../shared"). */
export const NO_SHARED = 'needs ../shared (the corpus and real projects beside the clone; CI has it)';

/** `false` when the shared folder is there; otherwise the reason to skip (for `{ skip: SHARED_SKIP }`). */
export const SHARED_SKIP: string | false = sharedPresent ? false : NO_SHARED;

/** `{ skip }` for a test that reads ../shared. */
export const needsShared: { skip?: string } = sharedPresent ? {} : { skip: NO_SHARED };

/** A path inside the shared folder. */
export function sharedPath(...parts: string[]): string {
  return join(sharedDir, ...parts);
}

/** Registers the tests `register` makes from ../shared, or one skipped test named `name` without it. */
export function sharedTests(name: string, register: () => void): void {
  if (sharedPresent) register();
  else test(name, needsShared, () => {});
}
