// The pre-commit hook (.pre-commit-hooks.yaml) as a user's repository runs it: a fixture git
// repository whose .pre-commit-config.yaml names a committed snapshot of this repository (what
// `pre-commit try-repo` does, but try-repo installs the hook into a throwaway store on every call:
// here it is installed once, for the three runs; try-repo itself runs once, on the mistake). pre-commit installs the hook the
// `language: node` way: `npm install` of the repository (dev dependencies included), `npm pack`
// (prepack builds the bundles), `npm install -g` of that tarball. The hook fails on a DriverKit
// mistake and prints the finding, passes once it is fixed, and skips unrelated files.
//
// pre-commit comes from Debian (installed here on first use). npm runs with prefer-offline: the
// repository's own `npm install` filled the npm cache with every package of the lockfile, so the
// hook's install is served from it.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { after, before, test } from 'node:test';
import { installDebianPackages, ProvisionUnavailable } from '../helpers/apt.mjs';
import { fixturePath, repoRoot } from '../helpers/workspace';
import { copyRepository, offlineEnv, run, runOk } from './artefacts';

const MISTAKE_FILE = 'CleanPci/CleanPci.entitlements';
/** The DriverKit entitlement turned off: the kernel refuses the dext's process (dext-missing-driverkit, an error). */
const CORRECT = '\t<key>com.apple.developer.driverkit</key>\n\t<true/>';
const MISTAKE = '\t<key>com.apple.developer.driverkit</key>\n\t<false/>';

let scratch: string;
let unavailable: string | undefined;
let snapshot: string;
let project: string;
let env: NodeJS.ProcessEnv;
let original: string;

const git = (cwd: string, ...args: string[]) => runOk('git', ['-c', 'user.name=dext-tools test', '-c', 'user.email=test@invalid', ...args], { cwd });

function provisionPreCommit(): string | undefined {
  if (run('sh', ['-c', 'command -v pre-commit']).status === 0) return undefined;
  try {
    installDebianPackages(['pre-commit'], (line) => console.error(`[provision] ${line}`));
    return undefined;
  } catch (error) {
    if (error instanceof ProvisionUnavailable) return `pre-commit is not installed and cannot be: ${error.message}`;
    throw error;
  }
}

before(() => {
  unavailable = provisionPreCommit();
  if (unavailable) return;
  scratch = mkdtempSync(join(tmpdir(), 'dext-pre-commit-'));
  // A committed snapshot of the work tree: try-repo of it installs the hook once for all the runs
  // below (a dirty repository would get a new shadow commit, and a new install, on every run).
  snapshot = join(scratch, 'dext-tools');
  mkdirSync(snapshot);
  copyRepository(snapshot);
  git(snapshot, 'init', '-q');
  git(snapshot, 'add', '-A');
  git(snapshot, 'commit', '-q', '-m', 'snapshot');

  project = join(scratch, 'project');
  cpSync(fixturePath('ent-clean'), project, { recursive: true });
  rmSync(join(project, 'expected.json'));
  writeFileSync(join(project, 'README.md'), '# A dext project\n');
  original = readFileSync(join(project, MISTAKE_FILE), 'utf8');
  assert.ok(original.includes(CORRECT));
  writeFileSync(join(project, MISTAKE_FILE), original.replace(CORRECT, MISTAKE));
  const rev = git(snapshot, 'rev-parse', 'HEAD').stdout.trim();
  writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${snapshot}\n    rev: ${rev}\n    hooks:\n      - id: dextlint\n`);
  git(project, 'init', '-q');
  git(project, 'add', '-A');

  env = offlineEnv({ PRE_COMMIT_HOME: join(scratch, 'pre-commit-home'), PRE_COMMIT_COLOR: 'never', npm_config_offline: 'false', npm_config_prefer_offline: 'true' });
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const preCommit = (...args: string[]) => run('pre-commit', ['run', 'dextlint', ...args], { cwd: project, env });

test('the hook installs from the repository, fails on a DriverKit mistake with its finding, passes once fixed', { timeout: 15 * 60_000 }, (t) => {
  if (unavailable) return t.skip(unavailable);
  const started = Date.now();
  const failing = preCommit('--all-files');
  t.diagnostic(`first run, with the hook's install: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const output = failing.stdout + failing.stderr;
  assert.equal(failing.status, 1, output);
  assert.match(output, /^dextlint \(DriverKit configuration\)\.+Failed$/m);
  assert.match(output, /^- exit code: 1$/m);
  assert.match(output, new RegExp(`^${MISTAKE_FILE.replace(/[./]/g, '\\$&')}$`, 'm'));
  assert.match(output, /error .*com\.apple\.developer\.driverkit.*dext-missing-driverkit/);

  writeFileSync(join(project, MISTAKE_FILE), original);
  git(project, 'add', '-A');
  const passing = preCommit('--all-files');
  assert.equal(passing.status, 0, passing.stdout + passing.stderr);
  assert.match(passing.stdout, /^dextlint \(DriverKit configuration\)\.+Passed$/m);

  const unrelated = preCommit('--files', 'README.md');
  assert.equal(unrelated.status, 0, unrelated.stdout + unrelated.stderr);
  assert.match(unrelated.stdout, /^dextlint \(DriverKit configuration\)\.+\(no files to check\)Skipped$/m);
});

test('pre-commit try-repo of this repository fails on the mistake with its finding', { timeout: 15 * 60_000 }, (t) => {
  if (unavailable) return t.skip(unavailable);
  // The command a hook author tries a hook repository with (it installs the hook afresh: ~30 s).
  writeFileSync(join(project, MISTAKE_FILE), original.replace(CORRECT, MISTAKE));
  git(project, 'add', '-A');
  try {
    const tried = run('pre-commit', ['try-repo', snapshot, 'dextlint', '--all-files'], { cwd: project, env });
    const output = tried.stdout + tried.stderr;
    assert.equal(tried.status, 1, output);
    assert.match(output, /^dextlint \(DriverKit configuration\)\.+Failed$/m);
    assert.match(output, /error .*com\.apple\.developer\.driverkit.*dext-missing-driverkit/);
  } finally {
    writeFileSync(join(project, MISTAKE_FILE), original);
    git(project, 'add', '-A');
  }
});

test('the hook definition: id dextlint, language node, and its files pattern selects each DriverKit configuration file', () => {
  const hooks = parseYaml(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; language: string; entry: string; files: string }[];
  const hook = hooks.find((h) => h.id === 'dextlint');
  assert.ok(hook, 'a hook with id dextlint');
  assert.equal(hook.language, 'node');
  assert.equal(hook.entry, 'dextlint');
  // pre-commit matches `files` with Python's re.search on the repository-relative path; the
  // pattern uses nothing that JavaScript reads differently.
  const files = new RegExp(hook.files);
  const selected = [
    'MyDriver/MyDriver.entitlements',
    'App.entitlements',
    'MyDriver/Info.plist',
    'Info.plist',
    'MyDriver/Info.plist.in',
    'MyDriver/MyDriver.iig',
    'MyDriver/MyDriver.cpp',
    'My.xcodeproj/project.pbxproj',
    'project.yml',
    'Config/Base.xcconfig',
  ];
  for (const path of selected) assert.ok(files.test(path), `the hook runs for ${path}`);
  const ignored = ['README.md', 'MyDriver/MyInfo.plist', 'Info.plist.bak', 'My.xcodeproj/project.pbxproj.orig', 'myproject.yml', 'src/main.cppm', 'a.iig.txt'];
  for (const path of ignored) assert.ok(!files.test(path), `the hook skips ${path}`);
});
