// Fix safety, for every diagnostic with a fix on every fixture project, the example and the real
// corpus: applying the fix leaves a file that parses, clears that diagnostic, introduces no new
// error, and changes no text outside the edit.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DextDiagnostic } from '../../server/src/types';
import { walkFiles } from '../../server/src/workspace/scan';
import { pathToUri } from '../../server/src/workspace/uri';
import { listCorpusRepos } from '../helpers/corpus';
import { applyEdits, assertOnlyEditedSpans, diagnosticsOf, fixturesDir, repoRoot, workspaceFromFolder } from '../helpers/workspace';

const folders = [
  ...readdirSync(fixturesDir).map((n) => join(fixturesDir, n)).filter((p) => existsSync(join(p, 'expected.json'))),
  join(repoRoot, 'examples'),
  ...listCorpusRepos(),
];

const sameDiagnostic = (a: DextDiagnostic, b: DextDiagnostic) =>
  a.code === b.code && a.message === b.message && a.range.start.line === b.range.start.line;

let checked = 0;
for (const folder of folders) {
  test(`every fix is safe in ${folder.slice(repoRoot.length - 4)}`, () => {
    for (const path of walkFiles(folder)) {
      const workspace = workspaceFromFolder(folder);
      const uri = pathToUri(path);
      const file = workspace.get(uri);
      if (!file || file.bytes) continue;
      const original = file.text;
      const diagnostics = diagnosticsOf(workspace, path);
      for (const d of diagnostics) {
        for (const fix of d.fixes) {
          // Edits of other documents (an .iig diagnostic fixed in its .cpp) apply there.
          const own = fix.edits.filter((e) => !e.uri);
          const foreign = new Map<string, typeof fix.edits>();
          for (const e of fix.edits) if (e.uri) foreign.set(e.uri, [...(foreign.get(e.uri) ?? []), e]);
          const fixed = applyEdits(original, own);
          if (own.length) assertOnlyEditedSpans(original, fixed, own);
          const foreignOriginals = new Map<string, string>();
          for (const [other, edits] of foreign) {
            const before = workspace.get(other)!.text;
            foreignOriginals.set(other, before);
            const changed = applyEdits(before, edits);
            assertOnlyEditedSpans(before, changed, edits);
            workspace.set(other, changed, 1000);
          }
          workspace.set(uri, fixed, file.version + 1);
          const after = diagnosticsOf(workspace, path);
          const where = `${path}: ${d.code} '${fix.title}'`;
          assert.ok(!after.some((x) => sameDiagnostic(x, d) && x.range.start.character === d.range.start.character), `${where}: the diagnostic is still there`);
          const errorsBefore = diagnostics.filter((x) => x.severity === 'error').length;
          const newErrors = after.filter((x) => x.severity === 'error' && !diagnostics.some((b) => b.code === x.code && b.message === x.message));
          assert.deepEqual(newErrors.map((x) => `${x.code}: ${x.message}`), [], `${where}: introduced new errors (had ${errorsBefore})`);
          if (['dext-entitlements', 'app-entitlements', 'dext-info-plist', 'plist'].includes(workspace.kindOf(workspace.get(uri)!) ?? '')) {
            const syntax = after.filter((x) => x.code === 'plist-syntax').length;
            const syntaxBefore = diagnostics.filter((x) => x.code === 'plist-syntax').length;
            assert.ok(syntax <= syntaxBefore, `${where}: the file no longer parses cleanly`);
          }
          workspace.set(uri, original, file.version + 2);
          for (const [other, before] of foreignOriginals) workspace.set(other, before, 1001);
          checked++;
        }
      }
    }
  });
}

test('fix safety checked at least one fix', () => {
  assert.ok(checked > 0);
});
