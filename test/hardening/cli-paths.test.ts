// The CLI on paths and config files that are not what they claim (reliability-probe.md F3, F10,
// F11) and on file content and names made to drive a terminal (F12).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/workspace';
import { HANG_LIMIT_MS, scratchWorkspaces } from './helpers';

const workspace = scratchWorkspaces();
const linux = process.platform === 'linux';

/** The built CLI, killed when it hangs (status null) and capped in memory so an unbounded read dies early. */
function dextlint(args: string[], cwd: string): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', join(repoRoot, 'bin/dextlint.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: HANG_LIMIT_MS,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

test('F10: a path that does not exist, a FIFO or a device exits 2 and says why', () => {
  const folder = workspace('cli-paths');
  execFileSync('mkfifo', [join(folder, 'fifo.plist')]);
  for (const [path, why] of [
    ['does-not-exist', /does-not-exist does not exist/],
    ['fifo.plist', /fifo\.plist is not a file or folder/],
    ['/dev/zero', /\/dev\/zero is not a file or folder/],
  ] as const) {
    const r = dextlint([path], folder);
    assert.equal(r.status, 2, `${path}: exit ${r.status}, ${r.stdout}`);
    assert.match(r.stderr, why);
  }
});

test('F11: --config naming a FIFO, a device or a procfs link exits 2 with "cannot read config file"', () => {
  const folder = workspace('cli-config');
  execFileSync('mkfifo', [join(folder, 'cfg.fifo')]);
  const configs = ['cfg.fifo', '/dev/zero'];
  if (linux) {
    symlinkSync('/proc/self/pagemap', join(folder, 'pm.json'));
    configs.push('pm.json');
  }
  for (const config of configs) {
    const r = dextlint(['--config', config, '.'], folder);
    assert.equal(r.status, 2, `--config ${config}: exit ${r.status}`);
    assert.match(r.stderr, /cannot read config file/);
  }
});

test('F3: a repository config naming a link to /proc/self/pagemap is refused and reported; the check ends', { skip: !linux && 'procfs is Linux-only' }, () => {
  const folder = workspace('cli-pagemap');
  symlinkSync('/proc/self/pagemap', join(folder, 'pm.provisionprofile'));
  writeFileSync(join(folder, '.dextlintrc.json'), '{ "profiles": ["pm.provisionprofile"] }');
  const r = dextlint(['.'], folder);
  assert.equal(r.status, 0, `exit ${r.status}: ${r.stderr}`);
  assert.match(r.stderr, /1 file skipped \(1 outside\)/);
  assert.match(r.stderr, /pm\.provisionprofile: a configured profile path must lie inside the workspace/);
});

const ESCAPES = '\x1b[2J\x1b[31mPWNED\x1b]0;title\x07';
const DUPLICATED = `<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n<key>com.apple.developer.driverkit</key><true/>\n<key>${ESCAPES}</key><true/>\n<key>${ESCAPES}</key><true/>\n</dict>\n</plist>\n`;

test('F12: control characters from a file are escaped in text, xcode and github output', () => {
  const folder = workspace('cli-escapes');
  writeFileSync(join(folder, 'Esc.entitlements'), DUPLICATED);
  for (const format of ['text', 'xcode', 'github']) {
    const r = dextlint(['--format', format, 'Esc.entitlements'], folder);
    assert.equal(r.status, 1, `${format}: ${r.stderr}`);
    assert.doesNotMatch(r.stdout, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/, `${format}: raw control characters`);
    assert.match(r.stdout, /\\x1b\[2J\\x1b\[31mPWNED/, format);
  }
});

test('F12: a file name with a newline cannot forge a line in --format xcode', () => {
  const folder = workspace('cli-newline');
  mkdirSync(join(folder, 'D'));
  writeFileSync(join(folder, 'D', 'new\nline.entitlements'), DUPLICATED.replaceAll(ESCAPES, 'dup'));
  const r = dextlint(['--format', 'xcode', '.'], folder);
  assert.equal(r.status, 1);
  const lines = r.stdout.split('\n').filter(Boolean);
  assert.ok(lines.length >= 1);
  for (const line of lines) assert.ok(line.startsWith(folder), `a line that does not start with a path: ${JSON.stringify(line)}`);
  assert.match(r.stdout, /new\\x0aline\.entitlements:5:1: error: /);
});

test('F12: control characters that XML forbids inside a plist are reported as plist-syntax', () => {
  const folder = workspace('cli-control');
  writeFileSync(join(folder, 'Esc.entitlements'), DUPLICATED);
  const r = dextlint(['--format', 'json', 'Esc.entitlements'], folder);
  const codes = (JSON.parse(r.stdout) as { files: { diagnostics: { code: string; message: string }[] }[] }).files[0]!.diagnostics.filter((d) => d.code === 'plist-syntax');
  // Two ESC and one BEL per key, two keys.
  assert.equal(codes.filter((d) => /U\+001B/.test(d.message)).length, 6);
  assert.equal(codes.filter((d) => /U\+0007/.test(d.message)).length, 2);
});

test('a served file whose name is not UTF-8 is reported as skipped, not dropped silently', () => {
  const folder = workspace('cli-latin1');
  // "Caf\xe9.entitlements" in Latin-1: not valid UTF-8.
  writeFileSync(Buffer.concat([Buffer.from(join(folder, 'Caf')), Buffer.from([0xe9]), Buffer.from('.entitlements')]), DUPLICATED.replaceAll(ESCAPES, 'dup'));
  const r = dextlint(['.'], folder);
  assert.match(r.stderr, /1 file skipped \(1 unreadable\)/);
  assert.match(r.stderr, /Caf\uFFFD\.entitlements: the file name is not valid UTF-8/);
});

test('dextlint explain on a link to /proc/self/pagemap stops at the size cap and exits 2', { skip: !linux && 'procfs is Linux-only' }, () => {
  const folder = workspace('cli-explain');
  symlinkSync('/proc/self/pagemap', join(folder, 'pm.log'));
  const r = dextlint(['explain', 'pm.log'], folder);
  assert.equal(r.status, 2, `exit ${r.status} ${r.signal ?? ''}`);
  assert.match(r.stdout + r.stderr, /cannot read 'pm\.log': it is too large/);
});
