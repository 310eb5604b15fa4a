// Validation proportional to the edit: rules that declare the root keys they read (`meta.reads`)
// keep their reports, shifted, while edits stay inside other keys' values. The bar: after any edit
// sequence, the diagnostics equal those of a fresh workspace validating the same text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { emptyConfig } from '../../../server/src/config';
import { allRules, ruleIds } from '../../../server/src/rules';
import type { Rule } from '../../../server/src/rules/types';
import { validateFile } from '../../../server/src/rules/engine/validation';
import { pathToUri } from '../../../server/src/workspace/uri';
import type { Workspace } from '../../../server/src/workspace/workspace';
import { largeInfoPlist } from '../../../bench/generate';
import { repoRoot, workspaceFromFiles, workspaceFromFolder } from '../../helpers/workspace';
import { contentPositions } from '../../helpers/typing';

const examples = join(repoRoot, 'examples');
const exampleInfo = join(examples, 'SensorKit/SensorDriver/Info.plist');
const looseInfo = '/loose/Driver/Info.plist';
const looseText = largeInfoPlist(4_000).replace('<string>Benchmark.</string>', '<string>Benchmark.</string>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.loose</string>');

/**
 * The registry's rules, each counting its runs: whole checks, and checks of one part for rules
 * checked part by part (one object per rule for the whole test: reports are kept per rule).
 */
const runs = new Map<string, number>();
const count = (id: string) => runs.set(id, (runs.get(id) ?? 0) + 1);
const counted: Rule[] = allRules.map((rule) => ({
  meta: rule.meta,
  check: (context) => (count(rule.meta.id), rule.check(context)),
  ...(rule.parts ? { parts: { ...rule.parts, check: (part, shared, context) => (count(rule.meta.id), rule.parts!.check(part, shared, context)) } } : {}),
}));

const validate = (workspace: Workspace, path: string, rules: readonly Rule[] = allRules) =>
  validateFile(workspace, workspace.get(pathToUri(path))!, {
    config: emptyConfig(),
    rules,
    knownRuleIds: ruleIds(),
    onRuleError: (id, _uri, error) => {
      throw new Error(`rule ${id} threw: ${error instanceof Error ? error.stack : String(error)}`);
    },
  });

const typed = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-zA-Z0-9.$()_-]{0,3}$/) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '\t', '\n', '  \n\t', '<', '</string>', '<key>IOKitPersonalities</key>', '<key>CFBundleIdentifier</key><string>x.y</string>', 'IOKitPersonalities', 'OSBundleUsageDescription', '&amp;') },
);

for (const [name, path, fresh] of [
  ['the example project', exampleInfo, (text: string) => {
    const ws = workspaceFromFolder(examples);
    ws.set(pathToUri(exampleInfo), text, 1);
    return ws;
  }],
  ['a dext Info.plist without a project', looseInfo, (text: string) => workspaceFromFiles({ [looseInfo]: text })],
] as const) {
  test(`kept reports equal a fresh validation after random edits: ${name}`, () => {
    runs.clear();
    let kept = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.nat({ max: 4 }), typed), { minLength: 1, maxLength: 8 }), (edits) => {
        const initial = path === exampleInfo ? readFileSync(exampleInfo, 'utf8') : looseText;
        const workspace = fresh(initial);
        const uri = pathToUri(path);
        validate(workspace, path, counted);
        let text = initial;
        let version = 1;
        for (const [where, anywhere, length, inserted] of edits) {
          const inside = anywhere ? [] : contentPositions(text);
          const start = inside.length ? inside[where % inside.length]! : where % (text.length + 1);
          const end = Math.min(text.length, start + length);
          text = text.slice(0, start) + inserted + text.slice(end);
          const file = workspace.get(uri)!;
          const range = { start: file.document.positionAt(start), end: file.document.positionAt(end) };
          workspace.applyChanges(uri, [{ range, text: inserted }], ++version);
          const before = runs.get('personality-missing-key') ?? 0;
          const incremental = validate(workspace, path, counted);
          if ((runs.get('personality-missing-key') ?? 0) === before) kept++;
          assert.deepEqual(incremental, validate(fresh(text), path), `after inserting ${JSON.stringify(inserted)} at ${start}-${end}`);
        }
      }),
      { numRuns: 150 },
    );
    // The property must exercise the kept reports, not only fresh runs.
    assert.ok(kept > 20, `reports kept ${kept} times`);
  });
}

test('an edit inside OSBundleUsageDescription checks no personality and no dict; one inside a personality checks that one', () => {
  const workspace = workspaceFromFiles({ [looseInfo]: looseText });
  const uri = pathToUri(looseInfo);
  const file = workspace.get(uri)!;
  // Opened in the editor (its text given again, as didOpen does): runs are kept for files typed into.
  workspace.set(uri, looseText, 1);
  const personalities = (file.text.match(/<key>Sensor\d+<\/key>/g) ?? []).length;
  assert.ok(personalities > 3, `${personalities} personalities`);
  runs.clear();
  validate(workspace, looseInfo, counted);
  // A first validation checks every personality.
  assert.equal(runs.get('personality-missing-key'), personalities);
  const typeAt = (offset: number, version: number) => {
    const position = file.document.positionAt(offset);
    workspace.applyChanges(uri, [{ range: { start: position, end: position }, text: 'X' }], version);
    runs.clear();
    validate(workspace, looseInfo, counted);
  };
  typeAt(file.text.indexOf('Benchmark.') + 'Bench'.length, 2);
  assert.equal(runs.get('personality-missing-key'), undefined);
  assert.equal(runs.get('duplicate-key'), undefined);
  assert.equal(runs.get('system-added-key'), undefined);
  // Inside the third personality's IOUserClass: that personality, once per personality rule.
  typeAt(file.text.indexOf('<string>SensorDriver</string>', file.text.indexOf('<key>Sensor2</key>')) + '<string>Sensor'.length, 3);
  assert.equal(runs.get('personality-missing-key'), 1);
  assert.equal(runs.get('usb-matching-incomplete'), 1);
  assert.equal(runs.get('duplicate-key'), undefined);
  // Typing a key into a personality re-reads its dict: that dict, for the dict rules.
  typeAt(file.text.indexOf('<key>idVendor</key>', file.text.indexOf('<key>Sensor1</key>')) + '<key>idVen'.length, 4);
  assert.equal(runs.get('personality-missing-key'), 1);
  assert.equal(runs.get('duplicate-key'), 1);
  assert.equal(runs.get('system-added-key'), 1);
});

test('a file read and validated once keeps no runs; opened and typed into, it does', () => {
  const workspace = workspaceFromFiles({ [looseInfo]: looseText });
  const uri = pathToUri(looseInfo);
  const file = workspace.get(uri)!;
  const typeAt = (version: number) => {
    const position = file.document.positionAt(file.text.indexOf('<string>Bench') + '<string>Bench'.length);
    workspace.applyChanges(uri, [{ range: { start: position, end: position }, text: 'X' }], version);
    runs.clear();
    validate(workspace, looseInfo, counted);
  };
  validate(workspace, looseInfo, counted);
  // Read from disk, validated once: its first edit checks everything again.
  typeAt(2);
  assert.ok((runs.get('personality-missing-key') ?? 0) > 3);
  // From then on the runs are kept.
  typeAt(3);
  assert.equal(runs.get('personality-missing-key'), undefined);
});
