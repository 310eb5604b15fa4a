// The rows of ../shared/realworld/JUDGED.md that depend on knowledge (entitlements, families),
// checked on the real projects as the CLI opens them (each repository as one workspace folder).
// Skips, with the reason, where the shared folder is absent.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { diagnosticsOf, workspaceFromFolder } from '../../helpers/workspace';
import { SHARED_SKIP, sharedPath } from '../../helpers/shared';

const realworld = (...parts: string[]) => sharedPath('realworld', ...parts);
const skip = SHARED_SKIP || (!existsSync(realworld('JUDGED.md')) && 'no realworld/ in the shared folder');

const VIRTUAL = 'com.apple.developer.driverkit.family.hid.virtual.device';

/** Diagnostics on `file` (relative to the repository), as [rule, 1-based line, severity]. */
function findings(repo: string, file: string): [string, number, string][] {
  const workspace = workspaceFromFolder(realworld(repo));
  return diagnosticsOf(workspace, join(realworld(repo), file)).map((d) => [d.code, d.range.start.line + 1, d.severity]);
}

test('Karabiner: family.hid.virtual.device, granted by Apple\'s Developer ID profile, is no error or warning', { skip }, () => {
  const list = findings('pqrs-org__Karabiner-DriverKit-VirtualHIDDevice', 'src/DriverKit/entitlements.plist');
  const onKey = list.filter(([, line]) => line === 15);
  assert.ok(onKey.every(([, , severity]) => severity === 'information' || severity === 'hint'), JSON.stringify(onKey));
  assert.deepEqual(list.filter(([, , s]) => s === 'error' || s === 'warning'), [], 'no error or warning in the dext entitlements');
});

test('Mitch1000: family.hid.virtual.device is no error or warning; userclient-access in the dext gets one diagnostic (entitlement-wrong-side)', { skip }, () => {
  const list = findings('Mitch1000__MacVirtualHID', 'OpenVirtualHIDDriver/entitlements.plist');
  // JUDGED.md: line 17 is the defunct key (at most information); lines 21-22 are userclient-access
  // (an app key) with its <true/> value: entitlement-wrong-side only, not entitlement-type too.
  assert.ok(list.filter(([, line]) => line === 17).every(([, , s]) => s === 'information' || s === 'hint'), JSON.stringify(list));
  assert.deepEqual(list.filter(([, line]) => line === 21 || line === 22), [['entitlement-wrong-side', 21, 'warning']]);
});

test('ASFireWire: transport.pci as <true/> stays one warning (transport-shape)', { skip }, () => {
  const list = findings('mrmidi__ASFireWire', 'ASFWDriver/ASFWDriver.entitlements');
  assert.deepEqual(list, [['transport-shape', 8, 'warning']]);
});

test('iSCSIKit: allow-any-userclient-access stays information (development-entitlement), not called development-only', { skip }, () => {
  const workspace = workspaceFromFolder(realworld('joaquinbejar__iSCSIKit'));
  const list = diagnosticsOf(workspace, realworld('joaquinbejar__iSCSIKit', 'Dext/Dext.entitlements'));
  assert.deepEqual(list.map((d) => [d.code, d.range.start.line + 1, d.severity]), [['development-entitlement', 10, 'information']]);
  assert.doesNotMatch(list[0]!.message, /development signing only|development-only/);
});
