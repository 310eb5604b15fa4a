// Every log pattern recognises a realistic line with the right captures, leaves ordinary lines
// alone, cites known rules, and stays linear on long hostile lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeScannerSources } from '../../../server/src/explain/codes';
import { logPatterns, matchLogLine } from '../../../server/src/explain/log-patterns';
import { recogniseText } from '../../../server/src/explain/recognise';
import { catalogRuleIds } from './catalog';
import { nestedRepeats } from './regex-shape';
import { ORDINARY_LINES, PATTERN_SAMPLES } from './samples';

test('every pattern has a sample line, and every sample names a pattern', () => {
  assert.deepEqual(logPatterns().map((p) => p.id).sort(), Object.keys(PATTERN_SAMPLES).sort());
});

test('the patterns the issue names are all there', () => {
  const ids = new Set(logPatterns().map((p) => p.id));
  for (const id of [
    'userclient-access-check',
    'userserver-entitlement-check',
    'provider-entitlements-check',
    'family-entitlements-check',
    'unsatisfied-entitlements',
    'restricted-entitlements-signature',
    'codesigning-namespace',
    'onqueue-assertion',
    'driver-crashed',
    'client-crashed',
    'pci-tunnel-compatible',
    'not-correct-organization',
    'sysext-activated-waiting-for-user',
    'sysext-activated-enabled',
    'sysext-terminated-waiting-to-uninstall',
  ]) {
    assert.ok(ids.has(id), id);
  }
});

for (const [id, sample] of Object.entries(PATTERN_SAMPLES)) {
  test(`pattern ${id} recognises its line with the right captures`, () => {
    const m = matchLogLine(sample.line);
    assert.ok(m, `no pattern matched: ${sample.line}`);
    assert.equal(m.pattern.id, id);
    assert.deepEqual(m.captures, sample.captures);
    assert.ok(m.start >= 0 && m.end <= sample.line.length && m.start < m.end);
    // The span is the recognised text, not the timestamp before it.
    assert.ok(!sample.line.slice(m.start, m.end).startsWith('2025-'));
  });
}

test('ordinary log lines are not recognised', () => {
  for (const line of ORDINARY_LINES) assert.equal(matchLogLine(line), undefined, line);
  assert.deepEqual(recogniseText(ORDINARY_LINES.join('\n')), []);
});

test('a specific entitlement check wins over the IOUserServer one on the same line', () => {
  const line = 'kernel: DK: IOUserServer(com.example.ExampleDriver-0x100000c33)-0x100000c34::start provider entitlements check failed';
  assert.equal(matchLogLine(line)?.pattern.id, 'provider-entitlements-check');
  assert.equal(matchLogLine(line)?.captures.bundleId, 'com.example.ExampleDriver');
});

test('every pattern cites rules of the catalog and has the knowledge fields', () => {
  const known = catalogRuleIds();
  for (const p of logPatterns()) {
    for (const rule of p.rules) assert.ok(known.has(rule), `${p.id}: unknown rule ${rule}`);
    assert.ok(p.title && p.explanation.length > 40 && p.causes.length > 0 && p.source, p.id);
    for (const t of p.targets) {
      for (const value of Object.values(t)) {
        if (typeof value === 'string' && value.startsWith('$')) {
          const name = value.slice(1);
          assert.ok([...p.match, ...p.context].some((r) => r.includes(`(?<${name}>`)), `${p.id}: target uses $${name}, which no regex captures`);
        }
      }
    }
  }
});

test('no regex repeats a group that itself repeats (star height ≤ 1)', () => {
  const sources = [...logPatterns().flatMap((p) => [...p.match, ...p.context]), ...codeScannerSources()];
  for (const source of sources) assert.deepEqual(nestedRepeats(source), [], source);
  // The check itself finds the classic catastrophic shapes.
  assert.notDeepEqual(nestedRepeats('(a+)+b'), []);
  assert.notDeepEqual(nestedRepeats('(?:[a-z]*,?)*x'), []);
  assert.deepEqual(nestedRepeats('(?:-0x[0-9a-f]+)?\\)'), []);
});

