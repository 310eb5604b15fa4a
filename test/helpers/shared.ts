// `../shared` beside the clone: the real corpus, the real projects and the reference documents.
// CI has it; a user's clone does not. Tests that read it skip with one stated reason, which
// test/run.mjs counts and reports once at the end of the run.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

export const repoRoot = resolve(__dirname, '..', '..');
export const sharedDir = resolve(repoRoot, '..', 'shared');
export const sharedPresent = existsSync(join(sharedDir, 'corpus', 'MANIFEST.md'));

/** The skip reason of every test that needs ../shared (test/run.mjs looks for this exact text). */
export const NO_SHARED = 'needs ../shared (the corpus and real projects beside the clone; CI has it)';

/** `{ skip }` for a test that reads ../shared. */
export const needsShared: { skip?: string } = sharedPresent ? {} : { skip: NO_SHARED };

/** Registers the tests `register` makes from ../shared, or one skipped test named `name` without it. */
export function sharedTests(name: string, register: () => void): void {
  if (sharedPresent) register();
  else test(name, needsShared, () => {});
}
