// Provisioning profiles: the CMS reader, matching, and the three rules, on real signed envelopes.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeProfile, readProfile, wildcardMatch } from '../../../server/src/profiles';
import { cmsContent } from '../../../server/src/profiles/cms';
import { pathToUri } from '../../../server/src/workspace/uri';
import { makeProfile, signCms } from '../../helpers/profiles';
import { diagnosticsOf, workspaceFromFiles } from '../../helpers/workspace';

const ENT = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${body}</dict>\n</plist>\n`;
const DEXT_INFO = ENT('\t<key>CFBundleIdentifier</key>\n\t<string>com.example.driver</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>P</key>\n\t\t<dict>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>D</string>\n\t\t</dict>\n\t</dict>\n');
const USB_TWO_VENDORS = ENT('\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t</dict>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1356</integer>\n\t\t</dict>\n\t</array>\n');

function withProfile(files: Record<string, string>, profiles: Record<string, Buffer>) {
  const ws = workspaceFromFiles(files);
  for (const [path, bytes] of Object.entries(profiles)) ws.set(pathToUri(path), '', 0, bytes);
  return ws;
}

test('reads DER and BER (indefinite-length) envelopes with their fields', () => {
  for (const indefinite of [false, true]) {
    const bytes = makeProfile({ name: 'Driver Dev', bundleId: 'com.example.driver', entitlements: { 'com.apple.developer.driverkit': true }, devices: ['00008103-000000000000001E'], indefinite });
    const result = readProfile(bytes);
    assert.ok(result.ok, result.ok ? '' : result.error);
    assert.equal(result.profile.name, 'Driver Dev');
    assert.equal(result.profile.applicationIdentifier, 'ABCDE12345.com.example.driver');
    assert.equal(result.profile.bundleIdPattern, 'com.example.driver');
    assert.deepEqual(result.profile.teamIds, ['ABCDE12345']);
    assert.equal(result.profile.kind, 'development');
    assert.equal(result.profile.deviceCount, 1);
    assert.ok(result.profile.expirationDate! > new Date());
  }
});

test('truncated, non-CMS and non-plist content are reported, never thrown', () => {
  const good = makeProfile({ name: 'X', bundleId: 'com.example.x', entitlements: {} });
  for (const bytes of [good.subarray(0, good.length / 2), Buffer.from('<html>not a profile</html>'), Buffer.alloc(0), Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff])]) {
    const r = readProfile(bytes);
    assert.equal(r.ok, false);
  }
  assert.match((readProfile(signCms('just text')) as { error: string }).error, /plist/);
  assert.equal(cmsContent(good).ok, true);
});

test('describeProfile summarises name, team, app id, kind, devices and expiry', () => {
  const d = describeProfile(makeProfile({ name: 'Driver Dist', bundleId: 'com.example.driver', entitlements: {} }));
  assert.ok(d.ok);
  assert.match(d.summary, /Provisioning profile: Driver Dist/);
  assert.match(d.summary, /App ID:\s+ABCDE12345\.com\.example\.driver/);
  assert.match(d.summary, /Kind:\s+distribution/);
  assert.match(d.plistText, /<key>Entitlements<\/key>/);
});

test('wildcards', () => {
  assert.ok(wildcardMatch('com.example.*', 'com.example.driver'));
  assert.ok(wildcardMatch('*', 'anything'));
  assert.ok(!wildcardMatch('com.example.*', 'org.example.driver'));
  assert.ok(wildcardMatch('com.*.driver', 'com.x.y.driver'));
});

test('story: an approved profile lists one of two vendor ids — the other element is flagged', () => {
  const ws = withProfile(
    { '/p/Driver/Info.plist': DEXT_INFO, '/p/Driver/Driver.entitlements': USB_TWO_VENDORS },
    { '/p/Driver.provisionprofile': makeProfile({ name: 'Driver Distribution', bundleId: 'com.example.driver', entitlements: { 'com.apple.developer.driverkit': true, 'com.apple.developer.driverkit.transport.usb': [{ idVendor: 1452 }] } }) },
  );
  const d = diagnosticsOf(ws, '/p/Driver/Driver.entitlements').filter((x) => x.code === 'profile-mismatch');
  assert.equal(d.length, 1);
  assert.equal(d[0]!.range.start.line, 11, 'the second <dict>');
  assert.match(d[0]!.message, /Provisioning profile "Driver Distribution" doesn't match the entitlements file's value for the com\.apple\.developer\.driverkit\.transport\.usb entitlement/);
  assert.match(d[0]!.message, /1356/);
});

test('story: userclient-access in the app entitlements but absent from the profile', () => {
  const ws = withProfile(
    {
      '/q/Driver/Info.plist': DEXT_INFO,
      '/q/Driver/Driver.entitlements': ENT('\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n'),
      '/q/App/App.entitlements': ENT('\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.userclient-access</key>\n\t<array>\n\t\t<string>com.example.driver</string>\n\t</array>\n'),
      '/q/App.xcodeproj/project.pbxproj': '{ objects = { R = { isa = PBXProject; targets = (T); buildConfigurationList = L0; }; L0 = { buildConfigurations = (); }; T = { isa = PBXNativeTarget; name = App; productType = "com.apple.product-type.application"; buildConfigurationList = L; }; L = { buildConfigurations = (C); }; C = { name = Release; buildSettings = { PRODUCT_BUNDLE_IDENTIFIER = com.example.app; CODE_SIGN_ENTITLEMENTS = App/App.entitlements; }; }; }; rootObject = R; }',
    },
    { '/q/App.provisionprofile': makeProfile({ name: 'App Store', bundleId: 'com.example.app', entitlements: { 'com.apple.developer.system-extension.install': true } }) },
  );
  const d = diagnosticsOf(ws, '/q/App/App.entitlements').filter((x) => x.code === 'profile-mismatch');
  assert.equal(d.length, 1);
  assert.equal(d[0]!.range.start.line, 5);
  assert.match(d[0]!.message, /userclient-access entitlement: the profile does not include it/);
});

test('development profiles with * allow the development values; no bundle id or no profile → silent', () => {
  const ws = withProfile(
    { '/r/Driver/Info.plist': DEXT_INFO, '/r/Driver/Driver.entitlements': USB_TWO_VENDORS },
    { '/r/Dev.provisionprofile': makeProfile({ name: 'Dev', bundleId: 'com.example.*', entitlements: { 'com.apple.developer.driverkit': true, 'com.apple.developer.driverkit.transport.usb': [{ idVendor: '*' }] }, devices: ['x'] }) },
  );
  assert.deepEqual(diagnosticsOf(ws, '/r/Driver/Driver.entitlements').filter((x) => x.code.startsWith('profile-')), []);
  const none = workspaceFromFiles({ '/s/Driver/Driver.entitlements': USB_TWO_VENDORS });
  assert.deepEqual(diagnosticsOf(none, '/s/Driver/Driver.entitlements').filter((x) => x.code.startsWith('profile-')), []);
});

test('profile-expired when only an expired profile applies; the newest unexpired one wins otherwise', () => {
  const past = new Date(Date.now() - 10 * 86_400_000);
  const expired = makeProfile({ name: 'Old', bundleId: 'com.example.driver', entitlements: { 'com.apple.developer.driverkit': true, 'com.apple.developer.driverkit.transport.usb': '*' }, expires: past, created: new Date(Date.now() - 400 * 86_400_000) });
  const ws = withProfile({ '/t/Driver/Info.plist': DEXT_INFO, '/t/Driver/Driver.entitlements': USB_TWO_VENDORS }, { '/t/Old.provisionprofile': expired });
  const d = diagnosticsOf(ws, '/t/Driver/Driver.entitlements').filter((x) => x.code === 'profile-expired');
  assert.equal(d.length, 1);
  assert.match(d[0]!.message, /"Old" expired on/);
  ws.set(pathToUri('/t/New.provisionprofile'), '', 0, makeProfile({ name: 'New', bundleId: 'com.example.driver', entitlements: { 'com.apple.developer.driverkit': true, 'com.apple.developer.driverkit.transport.usb': '*' } }));
  assert.deepEqual(diagnosticsOf(ws, '/t/Driver/Driver.entitlements').filter((x) => x.code.startsWith('profile-')), []);
});

test('profile-unreadable sits on the profile file', () => {
  const ws = withProfile({ '/u/Driver/Driver.entitlements': USB_TWO_VENDORS }, { '/u/Broken.mobileprovision': Buffer.from('garbage') });
  const d = diagnosticsOf(ws, '/u/Broken.mobileprovision');
  assert.deepEqual(d.map((x) => x.code), ['profile-unreadable']);
  assert.match(d[0]!.message, /cannot be read: not a CMS envelope/);
});

test('profiles from configured folders join the workspace', async () => {
  const { loadProfilesFrom } = await import('../../../server/src/profiles');
  const dir = mkdtempSync(join(tmpdir(), 'dext-profiles-'));
  writeFileSync(join(dir, 'A.provisionprofile'), makeProfile({ name: 'A', bundleId: 'com.example.driver', entitlements: {} }));
  const ws = workspaceFromFiles({});
  assert.equal(loadProfilesFrom([dir], ws), 1);
  assert.equal(ws.filesOfKind('profile').length, 1);
});
