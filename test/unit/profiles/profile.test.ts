// Reading profiles: the fields, the kind of profile, what is unreadable and why, the summary of
// "DEXT: Show Provisioning Profile", and our test envelope writer checked against openssl.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { describeProfile, readProfile, wildcardMatch, type ProvisioningProfile } from '../../../server/src/profiles';
import { hasOpenssl, LONG_AGO, makeProfile, signCms, signWithNode, TEAM, type ProfileSpec } from '../../helpers/profiles';

function read(spec: ProfileSpec): ProvisioningProfile {
  const r = readProfile(makeProfile(spec));
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.profile;
}

test('the fields of a profile, from DER and BER envelopes', () => {
  for (const indefinite of [false, true]) {
    const p = read({ name: 'Driver Dev', bundleId: 'com.example.driver', entitlements: { 'com.apple.developer.driverkit': true }, devices: ['00008103-000000000000001E', '00008103-000000000000001F'], indefinite });
    assert.equal(p.name, 'Driver Dev');
    assert.equal(p.appIdName, 'Driver Dev App ID');
    assert.match(p.uuid, /^[0-9A-F]{8}-[0-9A-F]{4}-4/);
    assert.deepEqual(p.teamIds, [TEAM]);
    assert.equal(p.teamName, 'Example Corp');
    assert.equal(p.applicationIdentifier, `${TEAM}.com.example.driver`);
    assert.equal(p.bundleIdPattern, 'com.example.driver');
    assert.deepEqual(p.platforms, ['OSX']);
    assert.equal(p.deviceCount, 2);
    assert.equal(p.provisionsAllDevices, false);
    assert.equal(p.creationDate?.toISOString(), '2025-01-01T00:00:00.000Z');
    assert.equal(p.expirationDate?.toISOString(), '2099-01-01T00:00:00.000Z');
    assert.deepEqual(p.entitlements.entries.map((e) => e.key), ['com.apple.application-identifier', 'com.apple.developer.team-identifier', 'keychain-access-groups', 'com.apple.developer.driverkit']);
  }
});

test('iOS spelling of the App ID key, wildcard App IDs, get-task-allow', () => {
  const p = read({ name: 'Wild', bundleId: 'com.example.*', entitlements: {}, platform: 'iOS', getTaskAllow: true, devices: ['x'] });
  assert.equal(p.applicationIdentifier, `${TEAM}.com.example.*`);
  assert.equal(p.bundleIdPattern, 'com.example.*');
  assert.equal(p.getTaskAllow, true);
  assert.equal(read({ name: 'All', bundleId: '*', entitlements: {} }).bundleIdPattern, '*');
});

test('development, ad hoc, App Store, Developer ID and enterprise profiles', () => {
  const cases: [Partial<ProfileSpec>, string, string][] = [
    [{ devices: ['a'] }, 'development', 'development'], // macOS development: devices, no get-task-allow
    [{ devices: ['a'], platform: 'iOS', getTaskAllow: true }, 'development', 'development'],
    [{ devices: ['a'], platform: 'iOS', getTaskAllow: false }, 'distribution', 'ad hoc'],
    [{}, 'distribution', 'App Store'],
    [{ platform: 'iOS', getTaskAllow: false }, 'distribution', 'App Store'],
    [{ provisionsAllDevices: true }, 'distribution', 'Developer ID'],
    [{ provisionsAllDevices: true, platform: 'iOS', getTaskAllow: false }, 'distribution', 'enterprise'],
  ];
  for (const [spec, kind, method] of cases) {
    const p = read({ name: `Kind ${kind} ${method} ${JSON.stringify(spec)}`, bundleId: 'com.example.app', entitlements: {}, ...spec });
    assert.deepEqual([p.kind, p.method], [kind, method], JSON.stringify(spec));
  }
});

test('an envelope around something else than a profile plist is unreadable, with the reason', () => {
  const cases: [Uint8Array, RegExp][] = [
    [signCms('just some text'), /does not hold a plist/],
    [signCms(Buffer.concat([Buffer.from('bplist00'), Buffer.alloc(40)])), /binary plist/],
    [signCms('<?xml version="1.0"?><plist version="1.0"><dict><key>Name</key><string>x</string></dict></plist>'), /no Entitlements dictionary/],
    [signCms('<?xml version="1.0"?><plist version="1.0"><array/></plist>'), /not a dictionary/],
    [signCms('<?xml version="1.0"?><plist version="1.0"><dict><key>Entitlements</key><dict></plist>'), /does not parse/],
  ];
  for (const [bytes, message] of cases) {
    const r = readProfile(bytes);
    assert.equal(r.ok, false);
    assert.match((r as { error: string }).error, message);
  }
});

test('describeProfile: the summary header and the read-only document', () => {
  const d = describeProfile(makeProfile({ name: 'Driver Dist', bundleId: 'com.example.driver', entitlements: { 'com.apple.developer.driverkit': true }, provisionsAllDevices: true }));
  assert.ok(d.ok);
  for (const line of [
    /Provisioning profile: Driver Dist/,
    /Team:\s+ABCDE12345 \(Example Corp\)/,
    /App ID:\s+ABCDE12345\.com\.example\.driver \(Driver Dist App ID\)/,
    /Type:\s+distribution \(Developer ID\), OSX/,
    /Devices:\s+all devices/,
    /Expires:\s+2099-01-01\n/,
    /signature is not verified/,
  ]) assert.match(d.summary, line);
  assert.match(d.plistText, /^<\?xml[^]*<key>Entitlements<\/key>/);
  // The XML declaration stays first; the header follows it; the plist is unchanged after it.
  assert.ok(d.document.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!--\n  Provisioning profile: Driver Dist'));
  assert.ok(d.document.endsWith(d.plistText.slice(d.plistText.indexOf('\n') + 1)));
  const dev = describeProfile(makeProfile({ name: 'Old -- Dev', bundleId: 'com.example.*', entitlements: {}, devices: ['a', 'b', 'c'], expires: LONG_AGO }));
  assert.ok(dev.ok);
  assert.match(dev.summary, /Type:\s+development \(development\)/);
  assert.match(dev.summary, /Devices:\s+3 provisioned devices/);
  assert.match(dev.summary, /Expires:\s+2024-01-01 \(EXPIRED\)/);
  assert.ok(!/--[^>]/.test(dev.summary.slice(4, -3)), 'no "--" inside the XML comment');
  const bad = describeProfile(Buffer.from('not a profile'));
  assert.deepEqual(bad.ok, false);
  assert.match((bad as { error: string }).error, /not a CMS envelope/);
});

test('wildcards', () => {
  const yes: [string, string][] = [['com.example.*', 'com.example.driver'], ['*', 'anything'], ['com.*.driver', 'com.x.y.driver'], ['a*b*c', 'abc'], ['TEAM.*', 'TEAM.com.x'], ['exact', 'exact']];
  const no: [string, string][] = [['com.example.*', 'org.example.driver'], ['a*a', 'a'], ['com.example.*', 'com.example'], ['exact', 'exact2'], ['a*b*c', 'acb']];
  for (const [p, v] of yes) assert.ok(wildcardMatch(p, v), `${p} ~ ${v}`);
  for (const [p, v] of no) assert.ok(!wildcardMatch(p, v), `${p} !~ ${v}`);
});

test('our envelope writer makes CMS that openssl verifies (when openssl is installed)', { skip: !hasOpenssl() && 'openssl is not installed' }, () => {
  for (const indefinite of [false, true]) {
    const content = `<?xml version="1.0"?><plist version="1.0"><dict/></plist>${' '.repeat(indefinite ? 2500 : 0)}`;
    const envelope = signWithNode(Buffer.from(content), indefinite);
    const out = execFileSync('openssl', ['cms', '-verify', '-noverify', '-inform', 'DER', '-binary'], { input: envelope, stdio: ['pipe', 'pipe', 'ignore'] });
    assert.equal(out.toString(), content);
  }
});
