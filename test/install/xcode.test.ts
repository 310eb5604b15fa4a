// The README's Xcode Run Script build phase, taken from README.md itself (so the test follows the
// README), run by /bin/sh as Xcode runs it: SRCROOT set, a minimal PATH plus the `npm install -g`
// prefix of the packed package. Every line it prints is one Xcode reads as an issue,
// `/absolute/path:line:column: error|warning|note: message [rule]`, one per finding.
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureBuilt } from '../helpers/build';
import { repoRoot } from '../helpers/workspace';
import { dextlint } from '../cli/helpers';
import { installPackage, run, type InstalledPackage } from './artefacts';

/** The first ```sh block under the README's "### In Xcode" heading. */
function readmeRunScript(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n### In Xcode\n'));
  assert.ok(section.length < readme.length, 'README.md has a "### In Xcode" section');
  const block = /\n```sh\n([\s\S]*?)\n```\n/.exec(section);
  assert.ok(block, 'the In Xcode section has a ```sh block');
  return block[1]!;
}

const XCODE_ISSUE = /^(\/[^:]+):(\d+):(\d+): (error|warning|note): (.+) \[([\w-]+)\]$/;

let installed: InstalledPackage;
let srcroot: string;

before(() => {
  ensureBuilt();
  installed = installPackage();
  srcroot = join(installed.scratch, 'SensorKit');
  cpSync(join(repoRoot, 'examples', 'SensorKit'), srcroot, { recursive: true });
});

after(() => installed?.dispose());

/** Runs a build phase script as Xcode does: `/bin/sh -c`, in SRCROOT, with Xcode's kind of PATH. */
function runBuildPhase(script: string) {
  const PATH = [join(installed.prefix, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter);
  return run('/bin/sh', ['-c', script], { cwd: srcroot, env: { PATH, HOME: process.env.HOME ?? '/', SRCROOT: srcroot, PROJECT_DIR: srcroot } });
}

test('the README Run Script prints one Xcode issue line per finding and does not fail the build', () => {
  const r = runBuildPhase(readmeRunScript());
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.trimEnd().split('\n');
  const expected = JSON.parse(dextlint(['--format', 'json', srcroot], srcroot).stdout) as { files: { path: string; diagnostics: { code: string; severity: string; range: { start: { line: number; character: number } } }[] }[] };
  const want = expected.files.flatMap((f) => f.diagnostics.map((d) => [join(srcroot, f.path), d.range.start.line + 1, d.range.start.character + 1, d.code]));
  assert.ok(want.length > 0);
  const got = lines.map((line) => {
    const m = XCODE_ISSUE.exec(line);
    assert.ok(m, `not an Xcode issue line: ${line}`);
    assert.ok(isAbsolute(m[1]!) && existsSync(m[1]!), `${m[1]} is an existing absolute path`);
    return [m[1], Number(m[2]), Number(m[3]), m[6]];
  });
  assert.deepEqual(got, want);
  assert.ok(lines.some((l) => / error: /.test(l)) && lines.some((l) => / warning: /.test(l)), 'errors and warnings both');
});

test('without `|| true` (as the README says) the phase fails the build on errors', () => {
  const script = readmeRunScript();
  assert.ok(script.includes(' || true'));
  const r = runBuildPhase(script.replace(' || true', ''));
  assert.equal(r.status, 1);
});

test('without dextlint installed, the phase prints an Xcode warning saying how to install it', () => {
  const r = run('/bin/sh', ['-c', readmeRunScript()], { cwd: srcroot, env: { PATH: '/usr/bin:/bin', SRCROOT: srcroot } });
  assert.equal(r.status, 0);
  assert.match(r.stdout.trim(), /^warning: dextlint is not installed \(npm install -g dext-tools\)$/);
});
