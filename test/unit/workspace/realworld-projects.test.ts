// ../shared/realworld (JUDGED.md): the "now → correct" rows that depend on reading the project.
// Set DEXT_SHARED_DIR to read the folder from elsewhere (a git worktree has no ../shared).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { getLanguageService } from '../../../server/src/service';
import { diagnosticsOf, repoRoot, workspaceFromFolder } from '../../helpers/workspace';

const shared = process.env.DEXT_SHARED_DIR ?? resolve(repoRoot, '../shared');
const realworld = join(shared, 'realworld');
const skip = existsSync(realworld) ? false : `${realworld} is absent (the shared real-world projects are not checked out next to the repository)`;

const brief = (ws: ReturnType<typeof workspaceFromFolder>, path: string) =>
  diagnosticsOf(ws, path).map((d) => `${d.range.start.line + 1} ${d.code} [${d.severity}]`);

test('Mitch1000__MacVirtualHID: INFOPLIST_KEY_OSBundleUsageDescription with GENERATE_INFOPLIST_FILE = YES gives the key', { skip }, () => {
  const repo = join(realworld, 'Mitch1000__MacVirtualHID');
  const ws = workspaceFromFolder(repo);
  const info = join(repo, 'OpenVirtualHIDDriver/Info.plist');
  assert.ok(!brief(ws, info).some((d) => d.includes('missing-usage-description')), brief(ws, info).join('; '));
  // And no diagnostic moved to the project file instead.
  assert.ok(!brief(ws, join(repo, 'OpenVirtualHIDDriver.xcodeproj/project.pbxproj')).some((d) => d.includes('missing-usage-description')));
});

test('Mitch1000__MacVirtualHID: the entitlements.plist no target signs with gets one information, nothing else', { skip }, () => {
  const repo = join(realworld, 'Mitch1000__MacVirtualHID');
  const ws = workspaceFromFolder(repo);
  assert.deepEqual(brief(ws, join(repo, 'OpenVirtualHIDApp/entitlements.plist')), ['4 file-not-in-target [information]']);
  // The files the targets do use are still checked as the dext's and the app's.
  assert.ok(brief(ws, join(repo, 'OpenVirtualHIDDriver/entitlements.plist')).includes('21 entitlement-wrong-side [warning]'));
  assert.ok(brief(ws, join(repo, 'OpenVirtualHIDApp/OpenVirtualHIDApp.entitlements')).includes('4 app-missing-userclient-access [warning]'));
});

test('pqrs-org__Karabiner-DriverKit-VirtualHIDDevice: the entitlements a script signs with are no target\'s: no error', { skip }, () => {
  const repo = join(realworld, 'pqrs-org__Karabiner-DriverKit-VirtualHIDDevice');
  const ws = workspaceFromFolder(repo);
  assert.deepEqual(brief(ws, join(repo, 'src/DriverKit/entitlements.plist')), ['4 file-not-in-target [information]']);
  assert.deepEqual(getLanguageService(ws).projectNotes(), []);
});
