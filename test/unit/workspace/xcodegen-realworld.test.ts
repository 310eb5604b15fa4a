// ../shared/realworld (JUDGED.md) with the XcodeGen specs read: the projects whose targets only a
// project.yml describes get their bundle ids and embeds, and no error or warning beyond the judged
// correct rows appears. Set DEXT_SHARED_DIR to read the folder from elsewhere (a git worktree has
// no ../shared).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { walkFiles } from '../../../server/src/workspace/scan';
import { diagnosticsOf, repoRoot, workspaceFromFolder } from '../../helpers/workspace';

const shared = process.env.DEXT_SHARED_DIR ?? resolve(repoRoot, '../shared');
const realworld = join(shared, 'realworld');
const skip = existsSync(realworld) ? false : `${realworld} is absent (the shared real-world projects are not checked out next to the repository)`;

/** Every diagnostic of the repository, as `file:line code [severity]`. */
function findings(repo: string): { ws: ReturnType<typeof workspaceFromFolder>; all: string[] } {
  const ws = workspaceFromFolder(repo);
  const all: string[] = [];
  for (const path of walkFiles(repo)) {
    for (const d of diagnosticsOf(ws, path)) all.push(`${relative(repo, path)}:${d.range.start.line + 1} ${d.code} [${d.severity}]`);
  }
  return { ws, all: all.sort() };
}
const loud = (all: string[]) => all.filter((f) => f.endsWith('[error]') || f.endsWith('[warning]'));

test('mrmidi__ASFireWire: both specs read; only the judged warnings', { skip }, () => {
  const repo = join(realworld, 'mrmidi__ASFireWire');
  const { ws, all } = findings(repo);
  assert.deepEqual(loud(all), [
    'ASFWDriver/ASFWDriver.entitlements:8 transport-shape [warning]',
    'ASFWDriver/SCSIController/ASFWSCSIController.iig:42 family-queue-not-registered [warning]',
  ]);
  const model = ws.getModel();
  assert.deepEqual(model.specs.map((s) => relative(repo, s.file.path)).sort(), ['ADKVirtualAudioLab/project.yml', 'project.yml']);
  const driver = model.dexts.find((d) => d.name === 'ASFWDriver');
  assert.deepEqual(driver?.bundleIds, ['net.mrmidi.ASFW.ASFWDriver']);
  assert.deepEqual(driver?.apps.map((a) => [a.name, a.bundleIds]), [['ASFW', ['net.mrmidi.ASFW']]]);
  assert.equal(driver?.infoPlist && relative(repo, driver.infoPlist.path), 'ASFWDriver/Info.plist');
});

test('joaquinbejar__iSCSIKit: the spec is read; only the judged findings', { skip }, () => {
  const repo = join(realworld, 'joaquinbejar__iSCSIKit');
  const { ws, all } = findings(repo);
  assert.deepEqual(all, [
    // XcodeGen writes App/Info.plist from the app's `info:` on every generation.
    'App/Info.plist:4 xcodegen-generated [information]',
    'Dext/Dext.entitlements:10 development-entitlement [information]',
    'Dext/iSCSIKitDext.iig:10 family-queue-not-registered [warning]',
  ]);
  const model = ws.getModel();
  assert.deepEqual(model.dexts.map((d) => [d.name, d.bundleIds, d.apps.map((a) => a.bundleIds)]), [['iSCSIKitDext', ['com.taunais.iscsi-initiator.dext'], [['com.taunais.iscsi-initiator']]]]);
});

test('pqrs-org__Karabiner-DriverKit-VirtualHIDDevice: the apps\' specs are read; no error or warning', { skip }, () => {
  const repo = join(realworld, 'pqrs-org__Karabiner-DriverKit-VirtualHIDDevice');
  const { ws, all } = findings(repo);
  assert.deepEqual(loud(all), []);
  const ids = ws.getModel().apps.flatMap((a) => a.bundleIds).sort();
  assert.deepEqual(ids, ['org.pqrs.Karabiner-VirtualHIDDevice-Daemon', 'org.pqrs.Karabiner-VirtualHIDDevice-Manager', 'org.pqrs.Karabiner-VirtualHIDDevice-SMAppServiceExample']);
  // The Daemon and Manager sign with no entitlements file (CODE_SIGN_ENTITLEMENTS: ''; a script
  // signs them with entitlements.plist), like the dext's Xcode target: one information each.
  for (const f of ['src/Daemon/entitlements.plist', 'src/Manager/entitlements.plist', 'src/DriverKit/entitlements.plist']) {
    assert.deepEqual(all.filter((x) => x.startsWith(f + ':')), [`${f}:4 file-not-in-target [information]`]);
  }
});
