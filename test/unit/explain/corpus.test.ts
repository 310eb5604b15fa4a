// The real corpus (shared/corpus): plists and entitlements hold no error codes and no log lines,
// so recognising anything in them would be a false positive of the scanner or the patterns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recogniseText } from '../../../server/src/explain/recognise';
import { listCorpusRepos } from '../../helpers/corpus';
import { workspaceFromFolder } from '../../helpers/workspace';
import { needsShared } from '../../helpers/shared';

test('nothing in the corpus is taken for a code or a DriverKit log line', needsShared, () => {
  let files = 0;
  for (const repo of listCorpusRepos()) {
    const workspace = workspaceFromFolder(repo);
    for (const file of workspace.files()) {
      files++;
      const findings = recogniseText(file.text, { logPatterns: true, bareCaseNames: true });
      assert.deepEqual(findings.map((f) => `${f.id} at ${f.line + 1}`), [], file.path);
    }
  }
  assert.ok(files >= 40, `read only ${files} corpus files`);
});
