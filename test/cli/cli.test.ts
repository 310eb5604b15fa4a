// dextlint's contract (rules.md): formats, exit codes, --fix, --explain, --config.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixturePath, repoRoot } from '../helpers/workspace';
import { dextlint } from './helpers';
import { SHARED_SKIP, sharedPath } from '../helpers/shared';

const basics = fixturePath('plist-basics');

interface JsonOutput {
  version: number;
  files: { path: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; fixes: { title: string; edits: unknown[] }[] }[] }[];
}

test('--format json follows the contract and exit status is 1 with errors', () => {
  const r = dextlint(['--format', 'json', 'test/fixtures/plist-basics']);
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout) as JsonOutput;
  assert.equal(out.version, 1);
  const paths = out.files.map((f) => f.path).sort();
  assert.deepEqual(paths, ['test/fixtures/plist-basics/Driver/Driver.entitlements', 'test/fixtures/plist-basics/Driver/Info.plist']);
  const ent = out.files.find((f) => f.path.endsWith('Driver.entitlements'))!;
  const dup = ent.diagnostics.find((d) => d.code === 'duplicate-key')!;
  assert.equal(dup.severity, 'error');
  assert.deepEqual(dup.range.start, { line: 4, character: 1 });
  assert.ok(dup.fixes.length >= 1 && dup.fixes[0]!.edits.length >= 1);
  for (const f of out.files) for (const d of f.diagnostics) assert.deepEqual(Object.keys(d).sort(), ['code', 'fixes', 'message', 'range', 'severity']);
});

test('files without diagnostics are listed with an empty array; exit 0 without errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dextlint-clean-'));
  try {
    writeFileSync(join(dir, 'App.entitlements'), '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n</dict>\n</plist>\n');
    const r = dextlint(['--format', 'json', dir]);
    const out = JSON.parse(r.stdout) as JsonOutput;
    assert.equal(out.files.length, 1);
    assert.equal(r.status, out.files[0]!.diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--format xcode prints absolute path:line:column: level: message [rule-id]', () => {
  const r = dextlint(['--format', 'xcode', basics]);
  const line = r.stdout.split('\n').find((l) => l.includes('[duplicate-key]'));
  assert.ok(line, r.stdout);
  assert.equal(line, `${join(basics, 'Driver/Driver.entitlements')}:5:2: error: ${line!.split(': error: ')[1]}`);
  assert.match(line!, /^\/.*:5:2: error: .+ \[duplicate-key\]$/);
});

test('--format github prints workflow commands', () => {
  const r = dextlint(['--format', 'github', basics], repoRoot);
  assert.match(r.stdout, /^::error file=test\/fixtures\/plist-basics\/Driver\/Driver\.entitlements,line=5,col=2,endLine=5,endColumn=\d+,title=duplicate-key::/m);
});

test('--format sarif is SARIF 2.1.0 with the rules and their docs', () => {
  const r = dextlint(['--format', 'sarif', basics]);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const driver = sarif.runs[0].tool.driver;
  assert.ok(driver.rules.some((rule: { id: string; help: { markdown: string } }) => rule.id === 'plist-syntax' && rule.help.markdown.includes('## Why it matters')));
  const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'duplicate-key');
  assert.equal(result.locations[0].physicalLocation.region.startLine, 5);
  assert.equal(driver.rules[result.ruleIndex].id, 'duplicate-key');
});

test('text output has a code frame and a summary', () => {
  const r = dextlint([basics]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /Driver\.entitlements/);
  assert.match(r.stdout, /> 5 \|\s+<key>com\.apple\.developer\.driverkit<\/key>/);
  assert.match(r.stdout, /\^+/);
  assert.match(r.stdout, /✖ \d+ problems? \(\d+ errors?/);
});

test('--explain prints a rule’s docs; an unknown rule is a usage error', () => {
  const r = dextlint(['--explain', 'duplicate-key']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^# duplicate-key/);
  for (const section of ['## What it does', '## Why it matters', '## Example', '## Fix']) assert.ok(r.stdout.includes(section));
  const bad = dextlint(['--explain', 'no-such-rule']);
  assert.equal(bad.status, 2);
});

test('usage errors exit 2', () => {
  assert.equal(dextlint(['--format', 'yaml']).status, 2);
  assert.equal(dextlint(['--bogus']).status, 2);
  assert.equal(dextlint(['--config', 'does-not-exist.json', basics]).status, 2);
});

test('--config sets severities; off silences a rule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dextlint-config-'));
  try {
    const config = join(dir, 'rc.json');
    writeFileSync(config, '{ // comments are fine\n "rules": { "duplicate-key": "off", "plist-syntax": "warning", "plist-value": "off" } }');
    const r = dextlint(['--format', 'json', '--config', config, basics]);
    const out = JSON.parse(r.stdout) as JsonOutput;
    const codes = out.files.flatMap((f) => f.diagnostics.map((d) => `${d.code}:${d.severity}`));
    assert.ok(!codes.some((c) => c.startsWith('duplicate-key') || c.startsWith('plist-value')), codes.join());
    assert.ok(codes.includes('plist-syntax:warning'), codes.join());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix applies safe fixes in place until stable and reports what remains', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dextlint-fix-'));
  try {
    cpSync(basics, dir, { recursive: true });
    const r = dextlint(['--fix', '--format', 'json', dir]);
    const out = JSON.parse(r.stdout) as JsonOutput;
    const codes = out.files.flatMap((f) => f.diagnostics.map((d) => d.code));
    assert.ok(!codes.includes('duplicate-key'), codes.join());
    const fixed = readFileSync(join(dir, 'Driver/Driver.entitlements'), 'utf8');
    assert.equal(fixed.match(/<key>com\.apple\.developer\.driverkit<\/key>/g)!.length, 1);
    const info = readFileSync(join(dir, 'Driver/Info.plist'), 'utf8');
    assert.ok(info.includes('Tom &amp; Jerry'), 'bare & escaped');
    assert.ok(codes.includes('plist-value'), 'a value with no safe fix remains reported');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the real corpus: no plist-syntax or plist-value on any file; exit status follows the errors', { skip: SHARED_SKIP }, () => {
  const r = dextlint(['--format', 'json', sharedPath('corpus')]);
  const out = JSON.parse(r.stdout) as JsonOutput;
  assert.ok(out.files.length >= 40, `${out.files.length} files`);
  for (const f of out.files) {
    const parseProblems = f.diagnostics.filter((d) => d.code === 'plist-syntax' || d.code === 'plist-value');
    assert.deepEqual(parseProblems, [], f.path);
  }
  assert.equal(r.status, out.files.some((f) => f.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0, r.stderr);
  assert.equal(r.stderr, '');
});
