// `dextlint explain` through explainCommand with a fake io: codes, files, standard input, JSON,
// the project's configuration at fault, and usage errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { explainCommand } from '../../../server/src/cli/explain';
import { fixturePath } from '../../helpers/workspace';
import { PATTERN_SAMPLES } from './samples';

async function run(args: string[], stdin = '') {
  const out: string[] = [];
  const code = await explainCommand(args, { stdin: async () => stdin, stdout: (s) => out.push(s), cwd: fixturePath('log-userclient') });
  return { code, out: out.join('\n') };
}

test('a code in each form prints the same explanation', async () => {
  const outputs = [];
  for (const form of ['0xE00002E2', '-536870174', '3758097122', 'kIOReturnNotPermitted']) {
    const { code, out } = await run([form]);
    assert.equal(code, 0, out);
    outputs.push(out);
  }
  assert.equal(new Set(outputs).size, 1);
  const text = outputs[0]!;
  assert.match(text, /^kIOReturnNotPermitted \(0xE00002E2\)\n/);
  assert.match(text, /kIOReturnNotPermitted = iokit_common_err\(0x2e2\) = 0xE00002E2 = -536870174 = 3758097122/);
  assert.match(text, /Checked by: app-missing-userclient-access, userclient-access-target, userclient-access-joined,\s+profile-mismatch/);
  assert.ok(!/[`*]{1,2}[A-Za-z]/.test(text), 'no Markdown markers in terminal text');
  assert.ok(text.split('\n').every((l) => l.length <= 100 || !l.includes(' ')), 'wrapped to 100 columns');
});

test('several words are one text: an OSSystemExtensionErrorDomain error', async () => {
  const { code, out } = await run(['OSSystemExtensionErrorDomain', 'error', '1']);
  assert.equal(code, 0);
  assert.match(out, /^OSSystemExtensionError\.unknown \(OSSystemExtensionErrorDomain 1\)/);
  assert.match(out, /dextlint explain -/);
});

test('a log file: every recognised line, grouped, with line numbers', async () => {
  const { code, out } = await run(['logs/kernel.log']);
  assert.equal(code, 0);
  const titles = out.split('\n').filter((l) => /^\S/.test(l));
  assert.deepEqual(titles, [
    'User client refused: userclient-access check failed',
    'kIOReturnNotPermitted (0xE00002E2)',
    'User client refused: userclient-access check failed',
    // The assertion is in the closed DriverKit runtime: secondary, so marked verify (audit §2.9).
    'Dext crashed: dispatched method ran off its queue (queue->OnQueue())  (verify)',
    'Dext crash loop',
  ]);
  assert.match(out, /\n {2}line 1: DK: ExampleDriver-0x100000b21:UC failed userclient-access check, needed bundle ID com\.example\.ExampleDriver\n/);
  assert.ok(!out.includes('Configuration at fault'), 'no project given: no locations');
});

test('standard input, repeated lines grouped, and --project for the configuration at fault', async () => {
  const line = PATTERN_SAMPLES['userclient-access-check']!.line;
  const { code, out } = await run(['-', '--project', '.'], `${line}\nnoise\n${line}\n${line}\n`);
  assert.equal(code, 0);
  assert.match(out, /^User client refused: userclient-access check failed\n {2}lines 1, 3, 4: DK: /);
  const entitlements = readFileSync(fixturePath('log-userclient/ExampleApp/ExampleApp.entitlements'), 'utf8').split('\n');
  const n = entitlements.findIndex((l) => l.includes('<string>com.example.ExampleDriver</string>')) + 1;
  const column = entitlements[n - 1]!.indexOf('com.example.ExampleDriver') + 1;
  assert.match(out, new RegExp(`\\n {4}ExampleApp/ExampleApp\\.entitlements:${n}:${column} {2}userclient-access lists com\\.example\\.ExampleDriver\\n`));
});

test('--format json is one stable document', async () => {
  const line = PATTERN_SAMPLES['userclient-access-check']!.line;
  const { code, out } = await run(['-', '--format', 'json', '--project', '.'], `first line\n${line}\n`);
  assert.equal(code, 0);
  const doc = JSON.parse(out);
  assert.equal(doc.version, 1);
  assert.equal(doc.input, '-');
  assert.equal(doc.explanations.length, 1);
  const e = doc.explanations[0];
  assert.deepEqual(Object.keys(e), ['kind', 'id', 'title', 'summary', 'details', 'causes', 'checks', 'rules', 'source', 'verify', 'captures', 'occurrences', 'locations']);
  assert.equal(e.kind, 'log-pattern');
  assert.equal(e.id, 'userclient-access-check');
  assert.deepEqual(e.captures, { bundleId: 'com.example.ExampleDriver', className: 'ExampleDriver' });
  const start = line.indexOf('DK: ');
  assert.deepEqual(e.occurrences, [{ range: { start: { line: 1, character: start }, end: { line: 1, character: line.length } }, text: line.slice(start) }]);
  assert.equal(e.locations[0].path, 'ExampleApp/ExampleApp.entitlements');
  assert.equal(e.locations[0].range.end.character - e.locations[0].range.start.character, 'com.example.ExampleDriver'.length);

  const number = JSON.parse((await run(['-536870201', '-f', 'json'])).out);
  assert.equal(number.input, null);
  assert.deepEqual(number.explanations[0].forms, { hex: '0xE00002C7', signed: -536870201, unsigned: 3758097095 });
  const sysext = JSON.parse((await run(['--format=json', 'OSSystemExtensionErrorDomain error 8'])).out);
  assert.deepEqual(sysext.explanations[0].systemExtension, { code: 8, name: 'codeSignatureInvalid', objcName: 'OSSystemExtensionErrorCodeSignatureInvalid' });
  assert.deepEqual(sysext.explanations[0].causes, []);
  assert.match(sysext.explanations[0].checks[0], /provisioning profile/);
});

test('nothing recognised: exit 1, with what can still be said', async () => {
  const none = await run(['hello']);
  assert.equal(none.code, 1);
  assert.match(none.out, /Nothing recognised/);
  const other = await run(['0x10000003']);
  assert.equal(other.code, 1);
  assert.match(other.out, /not an IOKit error/);
  const json = await run(['-', '--format', 'json'], 'nothing here\n');
  assert.equal(json.code, 1);
  assert.deepEqual(JSON.parse(json.out), { version: 1, input: '-', explanations: [] });
});

test('usage errors exit 2 and print the usage', async () => {
  for (const args of [[], ['--format', 'xml', '1'], ['--bogus', '1'], ['-', '--project', 'no/such/folder'], ['--project']]) {
    const { code, out } = await run(args);
    assert.equal(code, 2, args.join(' '));
    assert.match(out, /dextlint explain/);
  }
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: dextlint explain <code\|file\|->/);
});
