// Tests of the built artefacts run after `npm test`'s build; run alone (`node test/run.mjs cli`),
// they build first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './workspace';

export function ensureBuilt(): void {
  if (existsSync(join(repoRoot, 'dist/server.js')) && existsSync(join(repoRoot, 'dist/cli.js'))) return;
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
}
