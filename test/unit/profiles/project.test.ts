// A whole project on disk (written to a temp folder by the test: the profiles' dates are part of
// the fixture, so they are made here rather than committed): the scan reads profiles as bytes,
// profiles from configured folders join the workspace, diagnostics and hover through the service.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadProfilesFrom } from '../../../server/src/profiles';
import { getLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/workspace/uri';
import { makeProfile, plistDocument } from '../../helpers/profiles';
import { workspaceFromFolder } from '../../helpers/workspace';
import { entitlements, lineOf, pbxproj, positions, profileFindings } from './helpers';

const USB = 'com.apple.developer.driverkit.transport.usb';
const UCA = 'com.apple.developer.driverkit.userclient-access';
const INSTALL = 'com.apple.developer.system-extension.install';
const DRIVERKIT = 'com.apple.developer.driverkit';

const root = mkdtempSync(join(tmpdir(), 'dext-prof-project-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, content: string | Uint8Array) {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, content);
  return full;
}

const project = join(root, 'prof-sensor');
const files = {
  pbxproj: write('prof-sensor/Sensor.xcodeproj/project.pbxproj', pbxproj([
    { name: 'SensorDriver', type: 'driver', settings: { PRODUCT_BUNDLE_IDENTIFIER: 'com.example.sensor.driver', CODE_SIGN_ENTITLEMENTS: 'SensorDriver/SensorDriver.entitlements', INFOPLIST_FILE: 'SensorDriver/Info.plist' } },
    { name: 'Sensor', type: 'app', settings: { PRODUCT_BUNDLE_IDENTIFIER: 'com.example.sensor', CODE_SIGN_ENTITLEMENTS: 'Sensor/Sensor.entitlements', DRIVER_ID: 'com.example.sensor.driver' } },
  ])),
  info: write('prof-sensor/SensorDriver/Info.plist', plistDocument({ CFBundleIdentifier: '$(PRODUCT_BUNDLE_IDENTIFIER)', IOKitPersonalities: { Sensor: { IOProviderClass: 'IOUSBHostInterface', IOClass: 'IOUserService', IOUserClass: 'SensorDriver', IOUserServerName: '$(PRODUCT_BUNDLE_IDENTIFIER)' } } })),
  driver: write('prof-sensor/SensorDriver/SensorDriver.entitlements', entitlements({ [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }, { idVendor: 1356 }] })),
  app: write('prof-sensor/Sensor/Sensor.entitlements', entitlements({ [INSTALL]: true, [UCA]: ['$(DRIVER_ID)'] })),
  driverProfile: write('prof-sensor/Signing/SensorDriver_Distribution.provisionprofile', makeProfile({ name: 'SensorDriver Distribution', bundleId: 'com.example.sensor.driver', entitlements: { [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }] }, provisionsAllDevices: true, indefinite: true })),
  broken: write('prof-sensor/Signing/Broken.mobileprovision', Buffer.from('<html>Sign in</html>')),
};
// The app's profile lives outside the project, in a folder the configuration names.
const elsewhere = join(root, 'Provisioning Profiles');
const appProfile = write('Provisioning Profiles/Sensor_AppStore.provisionprofile', makeProfile({ name: 'Sensor App Store', bundleId: 'com.example.sensor', entitlements: { [INSTALL]: true } }));
write('Provisioning Profiles/notes.txt', 'not a profile');

test('a project on disk: profiles read as bytes by the scan, rules on every file', () => {
  const workspace = workspaceFromFolder(project);
  assert.equal(workspace.filesOfKind('profile').length, 2);
  assert.ok(workspace.get(pathToUri(files.driverProfile))?.bytes?.length);
  const driverText = entitlements({ [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }, { idVendor: 1356 }] });
  assert.deepEqual(positions(profileFindings(workspace, files.driver)), [['profile-mismatch', lineOf(driverText, '<dict>', lineOf(driverText, '1452')), 3]]);
  assert.deepEqual(positions(profileFindings(workspace, files.broken)), [['profile-unreadable', 1, 1]]);
  assert.deepEqual(positions(profileFindings(workspace, files.driverProfile)), []);
  // No profile for the app yet: silent.
  assert.deepEqual(profileFindings(workspace, files.app), []);
  for (const path of [files.info, files.pbxproj]) assert.deepEqual(profileFindings(workspace, path), []);
});

test('loadProfilesFrom: profiles of configured files and folders join the workspace once', () => {
  const workspace = workspaceFromFolder(project);
  assert.equal(loadProfilesFrom([elsewhere, join(root, 'missing-folder'), files.driverProfile], workspace).loaded, 1, 'only the new profile; the missing folder and the non-profile are skipped');
  assert.equal(loadProfilesFrom([elsewhere], workspace).loaded, 0, 'already loaded');
  assert.equal(workspace.filesOfKind('profile').length, 3);
  // The app profile lacks userclient-access: the $(DRIVER_ID) element resolves, and the key is flagged.
  const d = profileFindings(workspace, files.app);
  const appText = entitlements({ [INSTALL]: true, [UCA]: ['$(DRIVER_ID)'] });
  assert.deepEqual(positions(d), [['profile-mismatch', lineOf(appText, UCA), 2]]);
  assert.match(d[0]!.message, /"Sensor App Store" doesn't match/);
  assert.equal(d[0]!.related?.[0]?.uri, pathToUri(appProfile));
});

test('hover on an entitlement key: what the profile grants, and whether the value is allowed', () => {
  const workspace = workspaceFromFolder(project);
  loadProfilesFrom([elsewhere], workspace);
  const service = getLanguageService(workspace);
  const hoverAt = (path: string, text: string, needle: string) => {
    const line = lineOf(text, needle) - 1;
    return service.doHover(pathToUri(path), { line, character: text.split('\n')[line]!.indexOf(needle) + 2 })?.contents ?? '';
  };
  const driverText = entitlements({ [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }, { idVendor: 1356 }] });
  const usb = hoverAt(files.driver, driverText, USB);
  assert.match(usb, /\*\*Provisioning profile "SensorDriver Distribution"\*\* \(distribution, Developer ID, `ABCDE12345\.com\.example\.sensor\.driver`, expires 2099-01-01\)/);
  assert.match(usb, /Grants:\n```\n\[\{ idVendor: 1452 \}\]\n```/);
  assert.match(usb, /The file's value is \*\*not\*\* allowed \(`profile-mismatch`: 1 finding\)/);
  assert.match(hoverAt(files.driver, driverText, DRIVERKIT), /Grants:\n```\ntrue\n```\n\nThe file's value is allowed\./);
  const appText = entitlements({ [INSTALL]: true, [UCA]: ['$(DRIVER_ID)'] });
  assert.match(hoverAt(files.app, appText, UCA), /Does not include `com\.apple\.developer\.driverkit\.userclient-access`/);
  // Not on a key (the value): no profile hover.
  const line = lineOf(driverText, '<integer>1452') - 1;
  assert.doesNotMatch(service.doHover(pathToUri(files.driver), { line, character: driverText.split('\n')[line]!.indexOf('1452') })?.contents ?? '', /Provisioning profile/);
});
