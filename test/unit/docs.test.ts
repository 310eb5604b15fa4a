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

/** Rules whose input an example project of text files cannot hold, and why. */
const NO_RUNNABLE_EXAMPLE: Record<string, string> = {
  'binary-plist': 'needs the bytes of a binary plist',
  'profile-mismatch': 'needs a signed provisioning profile (bytes)',
  'profile-expired': 'needs a signed provisioning profile (bytes)',
  'profile-unreadable': 'reads profile bytes, which text examples cannot carry',
  'personality-no-match': 'needs a registry dump loaded (tested in test/unit/matching/)',
  'personality-matches': 'needs a registry dump loaded (tested in test/unit/matching/)',
  'too-many-problems': 'needs the editor’s per-file limit (tested in test/unit/engine/validation.test.ts)',
  'config-path-unreadable': 'reports what the disk says of the paths a config names (missing, FIFO, link out of the workspace: tested in test/hardening/config-paths.test.ts)',
};

test('every rule has runnable doc examples, or a stated reason why it cannot', () => {
  const missing = allRules.filter((r) => !r.meta.docs.examples && !NO_RUNNABLE_EXAMPLE[r.meta.id]).map((r) => r.meta.id);
  assert.deepEqual(missing, []);
  const needless = Object.keys(NO_RUNNABLE_EXAMPLE).filter((id) => allRules.find((r) => r.meta.id === id)?.meta.docs.examples);
  assert.deepEqual(needless, []);
});
