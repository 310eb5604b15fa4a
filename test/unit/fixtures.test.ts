// Every fixture project under test/fixtures/ with an expected.json: restricted to the rule ids it
// lists, each file has exactly the expected diagnostics (files not listed: none).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { diagnosticsOf, fixturesDir, workspaceFromFolder } from '../helpers/workspace';
import { walkFiles } from '../../server/src/workspace/scan';
import { ruleIds } from '../../server/src/rules';

interface Expected {
  rules: string[];
  files: Record<string, [string, number, number][]>;
}

const fixtures = readdirSync(fixturesDir).filter((name) => existsSync(join(fixturesDir, name, 'expected.json')));

test('there are fixture projects with expectations', () => {
  assert.ok(fixtures.length > 0);
});

for (const name of fixtures) {
  test(`fixture ${name} has exactly its expected diagnostics`, () => {
    const folder = join(fixturesDir, name);
    const expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as Expected;
    const known = new Set(ruleIds());
    for (const id of [...expected.rules, ...Object.values(expected.files).flat().map(([code]) => code)]) {
      assert.ok(known.has(id), `${name}/expected.json names '${id}', which is no rule`);
    }
    for (const [rel, list] of Object.entries(expected.files)) {
      for (const [code] of list) assert.ok(expected.rules.includes(code), `${name}/expected.json expects '${code}' in ${rel} but does not list it in "rules"`);
    }
    const workspace = workspaceFromFolder(folder);
    for (const path of walkFiles(folder)) {
      const rel = relative(folder, path);
      const actual = diagnosticsOf(workspace, path)
        .filter((d) => expected.rules.includes(d.code))
        .map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1] as [string, number, number]);
      const want = (expected.files[rel] ?? []).slice();
      const key = (x: [string, number, number]) => `${x[1]}:${x[2]} ${x[0]}`;
      assert.deepEqual(actual.map(key).sort(), want.map(key).sort(), `${name}/${rel}`);
    }
    for (const rel of Object.keys(expected.files)) assert.ok(existsSync(join(folder, rel)), `${name}: expected.json names a missing file ${rel}`);
  });
}
