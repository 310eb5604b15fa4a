// The README rule table and docs/rules/*.md are generated from rule metadata; stale = failure.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { staleDocs } from '../../scripts/gen-docs';
import { allRules } from '../../server/src/rules';
import { testRule } from '../helpers/rule-tester';
import { needsShared, sharedDir } from '../helpers/shared';

test('generated rule docs and README table are up to date (run `npm run docs`)', () => {
  assert.deepEqual(staleDocs(), []);
});

test('every rule has complete metadata and docs', () => {
  const ids = new Set<string>();
  for (const { meta } of allRules) {
    assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, meta.id);
    assert.ok(!ids.has(meta.id), `duplicate id ${meta.id}`);
    ids.add(meta.id);
    for (const section of ['summary', 'what', 'why', 'example', 'fix'] as const) {
      assert.ok(meta.docs[section].trim().length > 10, `${meta.id}: docs.${section} is empty`);
    }
    if (meta.verify) assert.ok(meta.defaultSeverity !== 'error', `${meta.id} rests on a [verify] fact: warning or below`);
  }
});

test('every rule id of the contract (../shared/reference/rules.md) is a registered rule', needsShared, () => {
  const contract = readFileSync(join(sharedDir, 'reference', 'rules.md'), 'utf8');
  const ids = [...contract.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
  assert.ok(ids.length > 40, `read only ${ids.length} ids from rules.md`);
  const registered = new Set(allRules.map((r) => r.meta.id));
  assert.deepEqual(ids.filter((id) => !registered.has(id)), []);
});

// The runnable examples of the rule docs (Biome's expect_diagnostic): each invalid example fires,
// each valid one stays quiet, through the one rule tester.
for (const rule of allRules) {
  const examples = rule.meta.docs.examples;
  if (!examples) continue;
  const project = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([path, text]) => [`/example/${path}`, text]));
  testRule(rule, {
    valid: examples.valid.map((e, i) => ({ name: `docs example ${i + 1}`, files: project(e.files) })),
    invalid: examples.invalid.map((e, i) => ({ name: `docs example ${i + 1}`, files: project(e.files), errors: Array.from({ length: e.reports ?? 1 }, () => ({})) })),
  });
}
