// The profile rules on the real public DEXT files of ../shared/corpus. The corpus holds no
// provisioning profile, so as it is the rules must report nothing (a profile rule that fires
// without a profile is a bug). Then each real entitlements file whose target has a bundle id gets
// profiles made from its own values: one granting exactly them (nothing to report: real value
// shapes match themselves), and ones lacking one key or one array element (exactly that key or
// element is reported, nothing else).
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { test } from 'node:test';
import { toValue, type PlistValue } from '../../../server/src/plist';
import type { PlistDict } from '../../../server/src/plist/types';
import { isComparedKey, ungrantedValues } from '../../../server/src/profiles';
import { ENTITLEMENT_KINDS } from '../../../server/src/workspace/files';
import { pathToUri } from '../../../server/src/workspace/uri';
import { walkFiles } from '../../../server/src/workspace/scan';
import { listCorpusRepos } from '../../helpers/corpus';
import { makeProfile, type Value } from '../../helpers/profiles';
import { workspaceFromFolder } from '../../helpers/workspace';
import { workspaceWithRepoLayout } from '../entitlements/corpus-layout';
import { positions, profileFindings } from './helpers';
import { needsShared, sharedTests } from '../../helpers/shared';

sharedTests('corpus: no profile, no profile finding', () => {
  for (const repo of listCorpusRepos()) {
    const name = basename(repo);
    test(`corpus ${name}: no profile, no profile finding (real folders and flat)`, () => {
      const { workspace, pathOf } = workspaceWithRepoLayout(repo);
      for (const [file, virtual] of pathOf) assert.deepEqual(profileFindings(workspace, virtual), [], `${name}/${file}`);
      const flat = workspaceFromFolder(repo);
      for (const path of walkFiles(repo)) assert.deepEqual(profileFindings(flat, path), [], path);
    });
  }
});

function asValue(v: PlistValue): Value {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (Array.isArray(v)) return v.map(asValue);
  if (typeof v === 'object' && !(v instanceof Uint8Array)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asValue(x)]));
  throw new Error(`no such value in a corpus entitlements file: ${String(v)}`);
}

/** Every corpus entitlements file (real layout), with its workspace and bundle ids. */
function corpusEntitlements() {
  const out: { key: string; path: string; root: PlistDict; workspace: ReturnType<typeof workspaceWithRepoLayout>['workspace']; bundleIds: string[] }[] = [];
  for (const repo of listCorpusRepos()) {
    const { workspace, pathOf } = workspaceWithRepoLayout(repo);
    for (const [file, path] of pathOf) {
      const f = workspace.get(pathToUri(path))!;
      const kind = workspace.kindOf(f);
      const root = f.plist.root;
      if (!kind || !ENTITLEMENT_KINDS.includes(kind) || root?.kind !== 'dict') continue;
      out.push({ key: `${basename(repo)}/${file}`, path, root, workspace, bundleIds: workspace.productOf(f)?.bundleIds ?? [] });
    }
  }
  return out;
}

test('every real entitlements file is granted by its own values (unresolved variables never reported)', needsShared, () => {
  const all = corpusEntitlements();
  assert.ok(all.length >= 25, `${all.length} entitlements files`);
  for (const e of all) assert.deepEqual(ungrantedValues(e.root, e.root, () => undefined), [], e.key);
});

/** The three real entitlements files whose dext has a literal bundle id (no project file in the corpus). */
const WITH_BUNDLE_ID = [
  'khallmark__ds4mac/Sources__DS4Driver__DS4Driver-Debug.entitlements',
  'khallmark__ds4mac/Sources__DS4Driver__DS4Driver-Release.entitlements',
  'onewaydsp__NumarkNS7-DriverKit/NumarkNS7Driver__NumarkNS7Driver.entitlements',
];

test('real files with a bundle id: an exact profile grants all; lacking a key or an element is reported exactly there', needsShared, () => {
  const targets = corpusEntitlements().filter((e) => e.bundleIds.length);
  assert.deepEqual(targets.map((e) => e.key).sort(), WITH_BUNDLE_ID);
  for (const e of targets) {
    const values = asValue(toValue(e.root)!) as Record<string, Value>;
    const profileUri = pathToUri(`${e.path}.provisionprofile`);
    const withProfile = (entitlements: Record<string, Value>) => {
      e.workspace.set(profileUri, '', Date.now(), makeProfile({ name: 'Corpus', bundleId: e.bundleIds[0]!, entitlements }));
      return profileFindings(e.workspace, e.path);
    };
    assert.deepEqual(withProfile(values), [], `${e.key}: exact profile`);
    let checked = 0;
    for (const entry of e.root.entries) {
      if (!isComparedKey(entry.key, true)) continue;
      const { [entry.key]: _dropped, ...rest } = values;
      const line = e.workspace.get(pathToUri(e.path))!.document.positionAt(entry.keySpan.start);
      assert.deepEqual(positions(withProfile(rest)), [['profile-mismatch', line.line + 1, line.character + 1]], `${e.key}: without ${entry.key}`);
      checked++;
      const items = entry.value?.kind === 'array' ? entry.value.items : [];
      if (items.length < 2) continue;
      const lastItem = items[items.length - 1]!;
      const at = e.workspace.get(pathToUri(e.path))!.document.positionAt(lastItem.start);
      const fewer = { ...values, [entry.key]: (values[entry.key] as Value[]).slice(0, -1) };
      assert.deepEqual(positions(withProfile(fewer)), [['profile-mismatch', at.line + 1, at.character + 1]], `${e.key}: ${entry.key} without its last element`);
    }
    assert.ok(checked >= 3, `${e.key}: ${checked} keys checked`);
    e.workspace.delete(profileUri);
  }
});
