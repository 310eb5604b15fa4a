// The rule engine: isolation of a throwing rule, severities from config, suppressions, unknown-rule.
import assert from 'node:assert/strict';
import { readSettings } from '../../../protocol/protocol';
import { test } from 'node:test';
import { emptyConfig, parseConfig } from '../../../server/src/config';
import { ruleIds } from '../../../server/src/rules';
import type { Rule } from '../../../server/src/rules/types';
import { getLanguageService } from '../../../server/src/service';
import { validateFile } from '../../../server/src/rules/engine/validation';
import { pathToUri } from '../../../server/src/workspace/uri';
import { workspaceFromFiles } from '../../helpers/workspace';

const rule = (id: string, check: Rule['check'], defaultSeverity: Rule['meta']['defaultSeverity'] = 'warning'): Rule => ({
  meta: { id, defaultSeverity, appliesTo: ['plist'], fixable: false, sources: [], docs: { summary: id, what: id, why: id, example: id, fix: id } },
  check,
});

const TEXT = '<plist version="1.0">\n<dict>\n<!-- dextlint-disable-next-line plist-value, no-such-rule -->\n<key>A</key><string>x</string>\n<key>B</key><string>y</string>\n</dict>\n</plist>\n';
const path = '/w/Other.plist';

function run(rules: Rule[], config = emptyConfig()) {
  const ws = workspaceFromFiles({ [path]: TEXT });
  const errors: string[] = [];
  const diagnostics = validateFile(ws, ws.get(pathToUri(path))!, { config, rules, knownRuleIds: ruleIds(), onRuleError: (id) => errors.push(id) });
  return { diagnostics, errors };
}

const reportKeys: Rule['check'] = ({ file, report }) => {
  for (const key of ['<key>A', '<key>B']) {
    const at = file.text.indexOf(key);
    report({ start: at, end: at + key.length, message: `found ${key}` });
  }
};

test('a rule that throws is isolated and logged; the other rules still report', () => {
  const { diagnostics, errors } = run([rule('boom', () => { throw new Error('bug'); }), rule('plist-value', reportKeys)]);
  assert.deepEqual(errors, ['boom']);
  assert.ok(diagnostics.some((d) => d.code === 'plist-value'));
});

test('next-line suppression silences the listed rule on the next line only; unknown ids are reported', () => {
  const { diagnostics } = run([rule('plist-value', reportKeys)]);
  const values = diagnostics.filter((d) => d.code === 'plist-value');
  assert.deepEqual(values.map((d) => d.range.start.line), [4], 'line 3 (0-based) suppressed, line 4 kept');
  const unknown = diagnostics.filter((d) => d.code === 'unknown-rule');
  assert.equal(unknown.length, 1);
  assert.equal(unknown[0]!.severity, 'warning');
  assert.deepEqual(unknown[0]!.range.start, { line: 2, character: TEXT.split('\n')[2]!.indexOf('no-such-rule') });
});

test('severity comes from config; off disables; a report may soften its own severity unless configured', () => {
  const soft = rule('plist-value', ({ report }) => report({ start: 0, end: 1, message: 'm', severity: 'information' }), 'error');
  assert.equal(run([soft]).diagnostics.find((d) => d.code === 'plist-value')!.severity, 'information');
  const configured = parseConfig('{ "rules": { "plist-value": "hint" } }').config;
  assert.equal(run([soft], configured).diagnostics.find((d) => d.code === 'plist-value')!.severity, 'hint');
  const off = parseConfig('{ "rules": { "plist-value": "off", "unknown-rule": "off" } }').config;
  assert.deepEqual(run([soft], off).diagnostics, []);
});

test('file-level suppression silences a rule in the whole file', () => {
  const ws = workspaceFromFiles({ [path]: '<!-- dextlint-disable-file plist-value -->\n' + TEXT });
  const diagnostics = validateFile(ws, ws.get(pathToUri(path))!, { config: emptyConfig(), rules: [rule('plist-value', reportKeys)] });
  assert.deepEqual(diagnostics.filter((d) => d.code === 'plist-value'), []);
});

test('config files: JSONC, bad severities and syntax errors are reported', () => {
  const ok = parseConfig('{\n // comment\n "rules": { "a": "error", "b": ["warning"] }, "profiles": ["x"], }');
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.config, { rules: { a: 'error', b: 'warning' }, profiles: ['x'] });
  assert.ok(parseConfig('{ "rules": { "a": "loud" } }').problems.length === 1);
  assert.ok(parseConfig('{ "rules": ').problems.length > 0);
});

test('maxDiagnostics: the first problems by position, and too-many-problems with the total', () => {
  const many: Rule['check'] = ({ file, report }) => {
    // Reported last first: the kept ones are the first by position, not by report order.
    for (let i = 29; i >= 0; i--) report({ start: i, end: i + 1, message: `problem ${i}`, fixes: [{ title: 'fix', edits: [{ start: i, end: i + 1, newText: 'x' }] }] });
    report({ start: file.text.indexOf('<key>B'), end: file.text.indexOf('<key>B') + 6, message: 'last' });
  };
  const ws = workspaceFromFiles({ [path]: TEXT });
  const file = ws.get(pathToUri(path))!;
  const capped = validateFile(ws, file, { config: emptyConfig(), rules: [rule('many', many)], knownRuleIds: ruleIds(), maxDiagnostics: 10 });
  assert.equal(capped.length, 11);
  assert.equal(capped[0]!.code, 'too-many-problems');
  assert.equal(capped[0]!.severity, 'information');
  assert.match(capped[0]!.message, /^32 problems in this file; the first 10 are shown/);
  assert.deepEqual(capped.slice(1).map((d) => d.message), ['problem 0', 'problem 1', 'problem 2', 'problem 3', 'problem 4', 'problem 5', 'problem 6', 'problem 7', 'problem 8', 'problem 9']);
  // Without a limit (the CLI), everything; with the rule turned off, no summary.
  assert.equal(validateFile(ws, file, { config: emptyConfig(), rules: [rule('many', many)] }).filter((d) => d.code === 'many').length, 31);
  const off = parseConfig('{ "rules": { "too-many-problems": "off" } }').config;
  assert.equal(validateFile(ws, file, { config: off, rules: [rule('many', many)], maxDiagnostics: 10 }).some((d) => d.code === 'too-many-problems'), false);
});

test('doValidation answers from its cache until the workspace or the settings change', () => {
  const ws = workspaceFromFiles({ [path]: TEXT });
  const service = getLanguageService(ws);
  const uri = pathToUri(path);
  const first = service.doValidation(uri);
  assert.equal(service.doValidation(uri), first, 'same version, same answer');
  ws.set(uri, TEXT.replace('<string>y</string>', '<integer>y</integer>'), 2);
  const second = service.doValidation(uri);
  assert.notEqual(second, first);
  assert.ok(second.some((d) => d.code === 'plist-value'));
  service.setSettings(readSettings({ rules: { 'plist-value': 'off' } }));
  assert.ok(!service.doValidation(uri).some((d) => d.code === 'plist-value'), 'new settings, new answer');
});
