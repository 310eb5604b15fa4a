// The shipped npm package, made and installed as a user gets it, for the install-path tests:
// `npm pack` (its prepack builds the minified bundles) in a copy of the repository, then
// `npm install -g --prefix <empty folder> <tarball>` with npm offline. A copy, so that the prepack
// build never rewrites dist/ under the other suites that run at the same time.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { repoRoot } from '../helpers/workspace';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command; fails the test with its output when it cannot start. */
export function run(command: string, args: string[], options: SpawnSyncOptions = {}): Run {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  assert.ifError(result.error);
  return { status: result.status, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

/** Like run, but the command must exit 0. */
export function runOk(command: string, args: string[], options: SpawnSyncOptions = {}): Run {
  const result = run(command, args, options);
  assert.equal(result.status, 0, `${command} ${args.join(' ')} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/**
 * The environment of a user's shell, with npm kept off the network (every install here must be
 * served by the npm cache: the package itself has no dependencies to fetch) and with this Node
 * first on PATH, so that the installed bins' `#!/usr/bin/env node` finds it.
 */
export function offlineEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
    NO_COLOR: '1',
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

export interface PackedFile {
  path: string;
  size: number;
}

export interface Tarball {
  path: string;
  /** The tarball's size in bytes. */
  size: number;
  files: PackedFile[];
}

/** The files a clone of this repository has: tracked ones, and new ones git does not ignore. */
function repositoryFiles(): string[] {
  const listed = runOk('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot }).stdout;
  return listed.split('\0').filter(Boolean);
}

/** Copies the work tree as a clone of it would be (no node_modules, no build output) into `dest`. */
export function copyRepository(dest: string): void {
  for (const file of repositoryFiles()) {
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    try {
      copyFileSync(join(repoRoot, file), join(dest, file));
    } catch (error) {
      // A tracked file deleted in the work tree and not yet committed: a clone would lack it too.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** `npm pack` of a copy of the repository (its node_modules linked, not copied) into `outDir`. */
export function packTarball(outDir: string): Tarball {
  const copy = mkdtempSync(join(tmpdir(), 'dext-pack-src-'));
  try {
    copyRepository(copy);
    symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const packed = runOk('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: copy, env: offlineEnv() });
    // stdout is npm's report alone: .npmrc keeps the prepack build's output off it.
    const json = JSON.parse(packed.stdout) as { filename: string; size: number; files: PackedFile[] }[];
    const [info] = json;
    assert.ok(info, packed.stdout);
    return { path: join(outDir, info.filename), size: info.size, files: info.files.map((f) => ({ path: f.path, size: f.size })) };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

export interface InstalledPackage {
  tarball: Tarball;
  /** The `npm install -g --prefix` folder. */
  prefix: string;
  /** The installed executables, as a user's PATH finds them. */
  bin: { dextlint: string; server: string };
  /** Where npm put the package itself. */
  packageDir: string;
  /** A scratch folder for the test (removed by dispose, with the install). */
  scratch: string;
  dispose(): void;
}

/** Packs the package and installs the tarball into an empty prefix, offline. */
export function installPackage(): InstalledPackage {
  const scratch = mkdtempSync(join(tmpdir(), 'dext-install-'));
  const tarball = packTarball(scratch);
  const prefix = join(scratch, 'prefix');
  runOk('npm', ['install', '--global', '--prefix', prefix, tarball.path], { env: offlineEnv() });
  return {
    tarball,
    prefix,
    bin: { dextlint: join(prefix, 'bin', 'dextlint'), server: join(prefix, 'bin', 'dext-language-server') },
    packageDir: join(prefix, 'lib', 'node_modules', 'dext-tools'),
    scratch,
    dispose: () => rmSync(scratch, { recursive: true, force: true }),
  };
}

/** The size of a file in KiB, for the test log. */
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
