import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/workspace';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`bin/dextlint.js`) as a user would. */
export function dextlint(args: string[], cwd = repoRoot, input?: string): CliRun {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/dextlint.js'), ...args], { cwd, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
