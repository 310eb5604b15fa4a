// profile-mismatch, profile-expired, profile-unreadable on real signed profiles: the driverkit.md
// stories (§2, stories 3 and 4), the comparison semantics, which profile applies, and the edges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LONG_AGO, makeProfile, plistDocument, signCms, type ProfileSpec, type Value } from '../../helpers/profiles';
import { entitlements, lineOf, pbxproj, positions, profileFindings, workspaceWith, type TargetSpec } from './helpers';

const USB = 'com.apple.developer.driverkit.transport.usb';
const UCA = 'com.apple.developer.driverkit.userclient-access';
const INSTALL = 'com.apple.developer.system-extension.install';
const DRIVERKIT = 'com.apple.developer.driverkit';

const DRIVER_INFO = plistDocument({
  CFBundleIdentifier: '$(PRODUCT_BUNDLE_IDENTIFIER)',
  IOKitPersonalities: { Driver: { IOClass: 'IOUserService', IOProviderClass: 'IOUSBHostInterface', IOUserClass: 'Driver', IOUserServerName: '$(PRODUCT_BUNDLE_IDENTIFIER)' } },
});

function targets(driver: Record<string, string> = {}, app: Record<string, string> = {}, extra: Partial<Record<'driver' | 'app', Partial<TargetSpec>>> = {}): TargetSpec[] {
  return [
    { name: 'Driver', type: 'driver', settings: { PRODUCT_BUNDLE_IDENTIFIER: 'com.example.driver', CODE_SIGN_ENTITLEMENTS: 'Driver/Driver.entitlements', INFOPLIST_FILE: 'Driver/Info.plist', DEVELOPMENT_TEAM: 'ABCDE12345', ...driver }, ...extra.driver },
    { name: 'App', type: 'app', settings: { PRODUCT_BUNDLE_IDENTIFIER: 'com.example.app', CODE_SIGN_ENTITLEMENTS: 'App/App.entitlements', DEVELOPMENT_TEAM: 'ABCDE12345', ...app }, ...extra.app },
  ];
}

interface Project {
  driver?: Record<string, Value>;
  app?: Record<string, Value>;
  profiles: Record<string, ProfileSpec | Uint8Array>;
  targets?: TargetSpec[];
}

const DRIVER = '/w/Driver/Driver.entitlements';
const APP = '/w/App/App.entitlements';

function project(p: Project) {
  const files: Record<string, string> = { '/w/Demo.xcodeproj/project.pbxproj': pbxproj(p.targets ?? targets()), '/w/Driver/Info.plist': DRIVER_INFO };
  files[DRIVER] = entitlements(p.driver ?? { [DRIVERKIT]: true });
  files[APP] = entitlements(p.app ?? { [INSTALL]: true });
  const profiles = Object.fromEntries(Object.entries(p.profiles).map(([name, spec]) => [`/w/${name}`, spec instanceof Uint8Array ? spec : makeProfile(spec)]));
  return { workspace: workspaceWith(files, profiles), files };
}

const TWO_VENDORS = { [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }, { idVendor: 1356 }] };

test('story: an approved profile lists one of the two vendor ids — the other element is flagged', () => {
  const { workspace, files } = project({
    driver: TWO_VENDORS,
    profiles: { 'Driver.provisionprofile': { name: 'Driver Distribution', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }] }, provisionsAllDevices: true } },
  });
  const d = profileFindings(workspace, DRIVER);
  const secondDict = lineOf(files[DRIVER]!, '<dict>', lineOf(files[DRIVER]!, '1452'));
  assert.deepEqual(positions(d), [['profile-mismatch', secondDict, 3]]);
  assert.equal(d[0]!.severity, 'error');
  assert.ok(d[0]!.message.startsWith(`Provisioning profile "Driver Distribution" doesn't match the entitlements file's value for the ${USB} entitlement. `), d[0]!.message);
  assert.match(d[0]!.message, /does not allow the element \{ idVendor: 1356 \}: it allows \[\{ idVendor: 1452 \}\]/);
  assert.equal(d[0]!.related?.[0]?.uri, 'file:///w/Driver.provisionprofile');
});

test('story: userclient-access in the app entitlements but absent from the distribution profile', () => {
  const app = { [INSTALL]: true, [UCA]: ['com.example.driver'] };
  const { workspace, files } = project({
    app,
    profiles: { 'App.provisionprofile': { name: 'App Store', bundleId: 'com.example.app', entitlements: { [INSTALL]: true } } },
  });
  const d = profileFindings(workspace, APP);
  assert.deepEqual(positions(d), [['profile-mismatch', lineOf(files[APP]!, UCA), 2]]);
  assert.match(d[0]!.message, /^Provisioning profile "App Store" doesn't match the entitlements file's value for the com\.apple\.developer\.driverkit\.userclient-access entitlement\. The profile doesn't include the com\.apple\.developer\.driverkit\.userclient-access entitlement \(it grants com\.apple\.developer\.system-extension\.install\)/);
});

test('story 4: debug builds work with the development profile; the Release configuration names the distribution one', () => {
  const app = { [INSTALL]: true, [UCA]: ['com.example.driver'] };
  const profiles: Project['profiles'] = {
    'Dev.provisionprofile': { name: 'App Development', bundleId: 'com.example.app', entitlements: { [INSTALL]: true, [UCA]: '*' }, devices: ['a'], created: new Date('2025-03-01T00:00:00Z') },
    'Dist.provisionprofile': { name: 'App Distribution', bundleId: 'com.example.app', entitlements: { [INSTALL]: true } },
  };
  // Without a named profile: the newest unexpired (the development one) applies and allows it.
  assert.deepEqual(profileFindings(project({ app, profiles }).workspace, APP), []);
  // Release names the distribution profile (manual signing): it applies, and lacks the key.
  const named = project({ app, profiles, targets: targets({}, {}, { app: { release: { PROVISIONING_PROFILE_SPECIFIER: 'ABCDE12345/App Distribution' } } }) });
  const d = profileFindings(named.workspace, APP);
  assert.deepEqual(d.map((x) => x.code), ['profile-mismatch']);
  assert.match(d[0]!.message, /^Provisioning profile "App Distribution" doesn't match/);
  assert.match(d[0]!.message, /2 profiles apply to com\.example\.app; this is the one the target names in PROVISIONING_PROFILE_SPECIFIER\/PROVISIONING_PROFILE \(the others: "App Development"\)\.$/);
  // By UUID as well.
  const uuid = project({ app, profiles: { ...profiles, 'Dist.provisionprofile': { name: 'App Distribution', bundleId: 'com.example.app', entitlements: { [INSTALL]: true }, uuid: '11111111-2222-4333-8444-555555555555' } }, targets: targets({}, { PROVISIONING_PROFILE: '11111111-2222-4333-8444-555555555555' }) });
  assert.deepEqual(profileFindings(uuid.workspace, APP).map((x) => x.code), ['profile-mismatch']);
});

test('development profiles: `*` allows the development and the approved values, in either shape', () => {
  for (const grant of ['*', [{ idVendor: '*' }]] as Value[]) {
    for (const usb of [[{ idVendor: '*' }], [{ idVendor: 1452 }, { idVendor: 1356, idProduct: 5 }]] as Value[]) {
      const { workspace } = project({
        driver: { [DRIVERKIT]: true, [USB]: usb, 'com.apple.developer.driverkit.allow-any-userclient-access': true },
        profiles: { 'Dev.provisionprofile': { name: 'Dev', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true, [USB]: grant, 'com.apple.developer.driverkit.allow-any-userclient-access': true }, devices: ['a'] } },
      });
      assert.deepEqual(profileFindings(workspace, DRIVER), [], `${JSON.stringify(grant)} / ${JSON.stringify(usb)}`);
    }
  }
});

test('the development value against an approved profile, the legacy boolean, and booleans that differ', () => {
  const approved: ProfileSpec = { name: 'Approved', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }], 'com.apple.developer.driverkit.family.hid.device': true }, provisionsAllDevices: true };
  const { workspace, files } = project({
    driver: { [DRIVERKIT]: true, [USB]: [{ idVendor: '*' }], 'com.apple.developer.driverkit.family.hid.device': false },
    profiles: { 'A.provisionprofile': approved },
  });
  const d = profileFindings(workspace, DRIVER);
  const text = files[DRIVER]!;
  assert.deepEqual(positions(d), [
    ['profile-mismatch', lineOf(text, '<dict>', lineOf(text, USB)), 3],
    ['profile-mismatch', lineOf(text, 'family.hid.device'), 2],
  ]);
  assert.match(d[0]!.message, /does not allow the element \{ idVendor: "\*" \}: it allows \[\{ idVendor: 1452 \}\]/);
  assert.match(d[1]!.message, /The file has false, the profile allows true\./);
  // The 2019 boolean form against the array the profile carries: the value as a whole, on the key.
  const legacy = project({ driver: { [DRIVERKIT]: true, [USB]: true }, profiles: { 'A.provisionprofile': approved } });
  const l = profileFindings(legacy.workspace, DRIVER);
  assert.deepEqual(positions(l), [['profile-mismatch', lineOf(legacy.files[DRIVER]!, USB), 2]]);
  assert.match(l[0]!.message, /The file has true, the profile allows \[\{ idVendor: 1452 \}\]/);
});

test('transport dicts: extra keys narrow the match (allowed), a missing granted key widens it (flagged)', () => {
  const spec = (grant: Value): ProfileSpec => ({ name: 'P', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true, [USB]: grant } });
  const run = (usb: Value, grant: Value) => profileFindings(project({ driver: { [DRIVERKIT]: true, [USB]: usb }, profiles: { 'P.provisionprofile': spec(grant) } }).workspace, DRIVER).length;
  assert.equal(run([{ idVendor: 1452, idProduct: 7 }], [{ idVendor: 1452 }]), 0);
  assert.equal(run([{ idVendor: 1452 }], [{ idVendor: 1452, idProduct: 7 }]), 1);
  assert.equal(run([{ idVendor: 1452 }, { idVendor: 1356 }], [{ idVendor: 1356 }, { idVendor: 1452 }]), 0);
  assert.equal(run([{ idVendor: 1452 }], [{ idVendor: '1452' }]), 1, 'a string is not the integer');
  const pci = 'com.apple.developer.driverkit.transport.pci';
  const pciRun = (value: Value, grant: Value) => profileFindings(project({ driver: { [DRIVERKIT]: true, [pci]: value }, profiles: { 'P.provisionprofile': { name: 'P', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true, [pci]: grant } } } }).workspace, DRIVER).length;
  assert.equal(pciRun([{ IOPCIPrimaryMatch: '0x000010b5&0x0000FFFF' }], [{ IOPCIPrimaryMatch: '0x000010b5&0x0000FFFF' }]), 0);
  assert.equal(pciRun([{ IOPCIPrimaryMatch: '0xFFFFFFFF&0x00000000' }], [{ IOPCIPrimaryMatch: '0x000010b5&0x0000FFFF' }]), 1);
});

test('string arrays: every element must be allowed, `*` wildcards in the profile', () => {
  const run = (value: Value, grant: Value) => {
    const { workspace, files } = project({ app: { [INSTALL]: true, [UCA]: value }, profiles: { 'A.provisionprofile': { name: 'A', bundleId: 'com.example.app', entitlements: { [INSTALL]: true, [UCA]: grant } } } });
    return { d: profileFindings(workspace, APP), text: files[APP]! };
  };
  const one = run(['com.example.driver', 'com.example.other'], ['com.example.driver']);
  assert.deepEqual(positions(one.d), [['profile-mismatch', lineOf(one.text, 'com.example.other'), 3]]);
  assert.match(one.d[0]!.message, /does not allow the element "com\.example\.other": it allows \["com\.example\.driver"\]/);
  assert.equal(run(['com.example.driver', 'com.example.other'], ['com.example.*']).d.length, 0);
  assert.equal(run(['com.example.driver'], 'com.example.driver').d.length, 0, 'a single granted string');
  assert.equal(run('com.example.driver', ['com.example.driver']).d.length, 0, 'a single claimed string');
  assert.equal(run('com.example.other', ['com.example.driver']).d.length, 1);
});

test('$(VAR) values are resolved through the target, or never reported', () => {
  const run = (value: Value, settings: Record<string, string>, grant: Value = ['com.example.driver']) =>
    profileFindings(project({ app: { [INSTALL]: true, [UCA]: value }, targets: targets({}, settings), profiles: { 'A.provisionprofile': { name: 'A', bundleId: 'com.example.app', entitlements: { [INSTALL]: true, [UCA]: grant } } } }).workspace, APP).length;
  assert.equal(run(['$(DRIVER_ID)'], { DRIVER_ID: 'com.example.driver' }), 0);
  assert.equal(run(['$(DRIVER_ID)'], { DRIVER_ID: 'com.example.other' }), 1);
  assert.equal(run(['$(NOT_DEFINED)', 'com.example.driver'], {}), 0);
  // $(TeamIdentifierPrefix) is the profile's team.
  const kv = 'com.apple.developer.ubiquity-kvstore-identifier';
  const kvRun = (grant: string) => profileFindings(project({ app: { [INSTALL]: true, [kv]: '$(TeamIdentifierPrefix)com.example.app' }, profiles: { 'A.provisionprofile': { name: 'A', bundleId: 'com.example.app', entitlements: { [INSTALL]: true, [kv]: grant } } } }).workspace, APP).length;
  assert.equal(kvRun('ABCDE12345.*'), 0);
  assert.equal(kvRun('ABCDE12345.com.example.app'), 0);
  assert.equal(kvRun('ZZZZZ99999.*'), 1);
});

test('keys Xcode manages, sandbox keys and unknown vendors are not compared; get-task-allow only when the profile has it', () => {
  const driver = {
    [DRIVERKIT]: true,
    'com.apple.application-identifier': '$(AppIdentifierPrefix)com.example.driver',
    'com.apple.developer.team-identifier': 'SOMEONE',
    'keychain-access-groups': ['OTHER.group'],
    'com.apple.security.app-sandbox': true,
    'com.apple.security.get-task-allow': true,
    'com.example.custom': 'x',
  };
  const mac = project({ driver, profiles: { 'A.provisionprofile': { name: 'A', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true }, provisionsAllDevices: true } } });
  assert.deepEqual(profileFindings(mac.workspace, DRIVER), []);
  const forced = { [DRIVERKIT]: true, 'get-task-allow': true };
  const dist = project({ driver: forced, profiles: { 'A.mobileprovision': { name: 'A', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true }, platform: 'iOS', getTaskAllow: false } } });
  const d = profileFindings(dist.workspace, DRIVER);
  assert.deepEqual(positions(d), [['profile-mismatch', lineOf(dist.files[DRIVER]!, 'get-task-allow'), 2]]);
  assert.match(d[0]!.message, /for the get-task-allow entitlement\. The file has true, the profile allows false/);
  // Not a documented entitlement (corpus: system-extension.uninstall): a profile that lacks it does not match.
  const unknown = project({ app: { [INSTALL]: true, 'com.apple.developer.system-extension.uninstall': true }, profiles: { 'A.provisionprofile': { name: 'A', bundleId: 'com.example.app', entitlements: { [INSTALL]: true } } } });
  assert.deepEqual(profileFindings(unknown.workspace, APP).map((x) => x.code), ['profile-mismatch']);
});

test('which profile applies: bundle id, team, explicit over wildcard, newest unexpired', () => {
  const grants = { [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }, { idVendor: 1356 }] };
  const lacks = { [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }] };
  const run = (profiles: Project['profiles'], t?: TargetSpec[]) => profileFindings(project({ driver: TWO_VENDORS, profiles, targets: t }).workspace, DRIVER);
  // Another bundle id, another team: nothing applies.
  assert.deepEqual(run({ 'X.provisionprofile': { name: 'X', bundleId: 'com.example.other', entitlements: lacks } }), []);
  assert.deepEqual(run({ 'X.provisionprofile': { name: 'X', bundleId: 'com.example.driver', team: 'ZZZZZ99999', entitlements: lacks } }), []);
  // A newer wildcard profile does not win over the explicit one (it cannot carry DriverKit keys).
  assert.deepEqual(run({ 'Explicit.provisionprofile': { name: 'Explicit', bundleId: 'com.example.driver', entitlements: grants }, 'Wild.provisionprofile': { name: 'Wild', bundleId: 'com.example.*', entitlements: {}, created: new Date('2025-06-01T00:00:00Z') } }), []);
  // The wildcard profile alone applies.
  assert.equal(run({ 'Wild.provisionprofile': { name: 'Wild', bundleId: 'com.example.*', entitlements: { [DRIVERKIT]: true } } }).length, 1);
  // Newest unexpired wins, and the message says so.
  const older = new Date('2024-06-01T00:00:00Z');
  assert.deepEqual(run({ 'Old.provisionprofile': { name: 'Old', bundleId: 'com.example.driver', entitlements: lacks, created: older }, 'New.provisionprofile': { name: 'New', bundleId: 'com.example.driver', entitlements: grants } }), []);
  const d = run({ 'Old.provisionprofile': { name: 'Old', bundleId: 'com.example.driver', entitlements: grants, created: older }, 'New.provisionprofile': { name: 'New', bundleId: 'com.example.driver', entitlements: lacks } });
  assert.equal(d.length, 1);
  assert.match(d[0]!.message, /^Provisioning profile "New" doesn't match.* 2 profiles apply to com\.example\.driver; this is the newest unexpired one \(the others: "Old"\)\.$/);
});

test('profile-expired: only when the applying profile has expired', () => {
  const expired: ProfileSpec = { name: 'Old Dev', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true }, devices: ['a'], created: new Date('2023-01-01T00:00:00Z'), expires: LONG_AGO };
  const only = project({ profiles: { 'Old.provisionprofile': expired } });
  const d = profileFindings(only.workspace, DRIVER);
  assert.deepEqual(positions(d), [['profile-expired', lineOf(only.files[DRIVER]!, '<dict>'), 1]]);
  assert.equal(d[0]!.severity, 'warning');
  assert.match(d[0]!.message, /^Provisioning profile "Old Dev" \(ABCDE12345\.com\.example\.driver\) expired on 2024-01-01: signing with it fails/);
  assert.equal(d[0]!.range.end.character - d[0]!.range.start.character, '<dict>'.length);
  // An unexpired one next to it applies instead.
  const both = project({ profiles: { 'Old.provisionprofile': expired, 'New.provisionprofile': { name: 'New', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true } } } });
  assert.deepEqual(profileFindings(both.workspace, DRIVER), []);
  // Unless the target names the expired one: Xcode uses it.
  const named = project({ profiles: { 'Old.provisionprofile': expired, 'New.provisionprofile': { name: 'New', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true } } }, targets: targets({ PROVISIONING_PROFILE_SPECIFIER: 'Old Dev' }) });
  assert.deepEqual(profileFindings(named.workspace, DRIVER).map((x) => x.code), ['profile-expired']);
});

test('no bundle id, or no profile: silent', () => {
  const noProject = workspaceWith({ '/n/Driver/Driver.entitlements': entitlements(TWO_VENDORS) }, { '/n/P.provisionprofile': makeProfile({ name: 'P', bundleId: '*', entitlements: {} }) });
  assert.deepEqual(profileFindings(noProject, '/n/Driver/Driver.entitlements'), []);
  assert.deepEqual(profileFindings(project({ driver: TWO_VENDORS, profiles: {} }).workspace, DRIVER), []);
  // A literal CFBundleIdentifier in the dext's Info.plist is a bundle id even without a project.
  const literal = workspaceWith(
    { '/l/Driver/Info.plist': DRIVER_INFO.replace('$(PRODUCT_BUNDLE_IDENTIFIER)', 'com.example.driver'), '/l/Driver/Driver.entitlements': entitlements(TWO_VENDORS) },
    { '/l/P.provisionprofile': makeProfile({ name: 'P', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }] } }) },
  );
  assert.deepEqual(profileFindings(literal, '/l/Driver/Driver.entitlements').map((x) => x.code), ['profile-mismatch']);
});

test('profile-unreadable on the profile file: truncated, garbage, not a plist, no bytes', () => {
  const good = makeProfile({ name: 'Good', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true }, indefinite: true });
  const cases: [string, Uint8Array | undefined, RegExp][] = [
    ['Truncated.provisionprofile', good.subarray(0, Math.floor(good.length * 0.6)), /cannot be read: truncated/],
    ['Garbage.mobileprovision', Buffer.from('<!DOCTYPE html><html>Sign in to your Apple Account</html>'), /cannot be read: not a CMS envelope: the file starts with HTML/],
    ['Empty.provisionprofile', new Uint8Array(0), /the file is empty/],
    ['Text.provisionprofile', signCms('hello'), /does not hold a plist/],
    ['NoBytes.provisionprofile', undefined, /its bytes could not be read/],
  ];
  const profiles: Record<string, Uint8Array> = { '/w/Good.provisionprofile': good };
  for (const [name, bytes] of cases) if (bytes) profiles[`/w/${name}`] = bytes;
  const workspace = workspaceWith({ '/w/Driver/Driver.entitlements': entitlements({ [DRIVERKIT]: true }), '/w/NoBytes.provisionprofile': '' }, profiles);
  assert.deepEqual(profileFindings(workspace, '/w/Good.provisionprofile'), []);
  for (const [name, , message] of cases) {
    const d = profileFindings(workspace, `/w/${name}`);
    assert.deepEqual(positions(d), [['profile-unreadable', 1, 1]], name);
    assert.equal(d[0]!.severity, 'error');
    assert.match(d[0]!.message, message, name);
    assert.match(d[0]!.message, /Download it again from the developer portal/);
  }
});

test('Debug and Release sign with different entitlements files and name different profiles: each file meets its own', () => {
  const DEBUG = '/w/Driver/Driver-Debug.entitlements';
  const profiles: Project['profiles'] = {
    'Dev.provisionprofile': { name: 'Driver Development', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true, [USB]: '*' }, devices: ['a'] },
    'Dist.provisionprofile': { name: 'Driver Distribution', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }] }, provisionsAllDevices: true, created: new Date('2025-02-01T00:00:00Z') },
  };
  const run = (debugProfile: string, releaseProfile: string) => {
    const t = targets({}, {}, { driver: { debug: { CODE_SIGN_ENTITLEMENTS: 'Driver/Driver-Debug.entitlements', PROVISIONING_PROFILE_SPECIFIER: debugProfile }, release: { PROVISIONING_PROFILE_SPECIFIER: releaseProfile } } });
    const { workspace, files } = project({ driver: { [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }] }, targets: t, profiles });
    workspace.set(`file://${DEBUG}`, entitlements({ [DRIVERKIT]: true, [USB]: [{ idVendor: '*' }] }), 1);
    return { debug: profileFindings(workspace, DEBUG), release: profileFindings(workspace, DRIVER), files };
  };
  const right = run('Driver Development', 'Driver Distribution');
  assert.deepEqual([right.debug, right.release], [[], []]);
  // Swapped: the development value meets the distribution profile.
  const swapped = run('Driver Distribution', 'Driver Development');
  assert.deepEqual(swapped.debug.map((d) => d.code), ['profile-mismatch']);
  assert.match(swapped.debug[0]!.message, /^Provisioning profile "Driver Distribution" doesn't match .*\{ idVendor: "\*" \}/);
  assert.deepEqual(swapped.release, []);
});

test('the message says when an older explicit App ID profile was preferred to a newer wildcard one', () => {
  const { workspace } = project({
    driver: TWO_VENDORS,
    profiles: {
      'Explicit.provisionprofile': { name: 'Explicit', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }] } },
      'Wild.provisionprofile': { name: 'Wild', bundleId: 'com.example.*', entitlements: {}, created: new Date('2025-06-01T00:00:00Z') },
    },
  });
  const d = profileFindings(workspace, DRIVER);
  assert.equal(d.length, 1);
  assert.match(d[0]!.message, /this is the newest unexpired one with an explicit App ID, as wildcard App IDs cannot carry DriverKit capabilities \(the others: "Wild"\)\.$/);
});

test('family.hid.virtual.device in a dext: the profile decides (Apple issues profiles that grant it, Karabiner\'s Developer ID profile); without a profile, information', async () => {
  const { diagnosticsOf } = await import('../../helpers/workspace');
  const VIRTUAL = 'com.apple.developer.driverkit.family.hid.virtual.device';
  const driver = { [DRIVERKIT]: true, [VIRTUAL]: true };
  const on = (profiles: Project['profiles']) => {
    const { workspace, files } = project({ driver, profiles });
    const line = lineOf(files[DRIVER]!, VIRTUAL);
    return diagnosticsOf(workspace, DRIVER).filter((d) => d.range.start.line + 1 === line).map((d) => [d.code, d.severity]);
  };
  const grants = { 'A.provisionprofile': { name: 'A', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true, [VIRTUAL]: true }, provisionsAllDevices: true } };
  assert.deepEqual(on(grants), [], 'granted by the profile: nothing to say');
  const lacks = { 'A.provisionprofile': { name: 'A', bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true }, provisionsAllDevices: true } };
  assert.deepEqual(on(lacks), [['profile-mismatch', 'error']], 'a profile that lacks it: Xcode refuses to sign, profile-mismatch only');
  assert.deepEqual(on({}), [['dext-forbidden-entitlement', 'information']], 'no profile: information, never an error');
});
