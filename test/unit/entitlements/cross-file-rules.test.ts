// The entitlement rules that read other files through the workspace model: the dext's Info.plist,
// its bundle id, the app that ships it. Firing and clean cases, fixes, silence when a fact is not
// known, and diagnostics that follow edits of the other file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { getLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/workspace/uri';
import { fixturePath, workspaceFromFiles, workspaceFromFolder } from '../../helpers/workspace';
import { applyFix, dict, DRIVERKIT, run, textOf } from './helpers';

const USB_PROJECT = fixturePath('ent-usb-project');
const DEBUG = fixturePath('ent-usb-project', 'UsbDemoDriver', 'UsbDemoDriver-Debug.entitlements');
const RELEASE = fixturePath('ent-usb-project', 'UsbDemoDriver', 'UsbDemoDriver.entitlements');
const APP = fixturePath('ent-usb-project', 'UsbDemo', 'UsbDemo.entitlements');
const PAD = fixturePath('ent-usb-project', 'UsbDemoPad', 'UsbDemoPad.entitlements');
const INFO = fixturePath('ent-usb-project', 'UsbDemoDriver', 'Info.plist');

test('dext-missing-transport: the Debug entitlements of a USB dext lack transport.usb; the fix adds the development configuration', () => {
  const ws = workspaceFromFolder(USB_PROJECT);
  const [d, ...rest] = run(ws, DEBUG, 'dext-missing-transport');
  assert.equal(rest.length, 0);
  assert.equal(d!.severity, 'error');
  assert.match(d!.message, /'UsbDemoDriver' matches IOUSBHostDevice, which requires 'com\.apple\.developer\.driverkit\.transport\.usb'/);
  assert.equal(d!.related?.[0]?.uri, pathToUri(INFO));
  const fixed = applyFix(ws, DEBUG, d!);
  assert.ok(fixed.includes('\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<string>*</string>'));
  assert.deepEqual(run(ws, RELEASE, 'dext-missing-transport'), [], 'the Release file has the key');
});

test('transport-not-covering: a personality vendor missing from the approved list, named in hex and decimal', () => {
  const ws = workspaceFromFolder(USB_PROJECT);
  const text = readFileSync(RELEASE, 'utf8');
  const [d, ...rest] = run(ws, RELEASE, 'transport-not-covering');
  assert.equal(rest.length, 0);
  assert.equal(textOf(text, d!), '<key>com.apple.developer.driverkit.transport.usb</key>');
  assert.match(d!.message, /'UsbDemoSerial' matches USB vendor 0x1a86 \(6790\)/);
  assert.deepEqual(d!.fixes, []);
  const info = readFileSync(INFO, 'utf8');
  const related = d!.related![0]!;
  assert.equal(textOf(info, { ...d!, range: related.range }), '<integer>0x1a86</integer>');
});

test('transport-not-covering and dext-missing-transport follow edits of the Info.plist (and the other way round)', () => {
  const ws = workspaceFromFolder(USB_PROJECT);
  const s = getLanguageService(ws);
  const releaseUri = pathToUri(RELEASE);
  const infoUri = pathToUri(INFO);
  assert.ok(ws.dependentsOf(infoUri).some((f) => f.uri === releaseUri), 'the entitlements depend on the Info.plist');
  assert.ok(ws.dependentsOf(releaseUri).some((f) => f.uri === infoUri), 'and the other way round');
  assert.equal(s.doValidation(releaseUri).filter((d) => d.code === 'transport-not-covering').length, 1);
  const info = readFileSync(INFO, 'utf8');
  ws.set(infoUri, info.replace('<integer>0x1a86</integer>', '<integer>1452</integer>'), 2);
  assert.equal(s.doValidation(releaseUri).filter((d) => d.code === 'transport-not-covering').length, 0);
  ws.set(infoUri, info.replace(/IOUSBHostDevice/g, 'IOUserResources'), 3);
  assert.deepEqual(s.doValidation(pathToUri(DEBUG)).filter((d) => d.code === 'dext-missing-transport'), []);
  const release = readFileSync(RELEASE, 'utf8');
  ws.set(infoUri, info, 4);
  ws.set(releaseUri, release.replace('<integer>1452</integer>', '<string>*</string>'), 2);
  assert.equal(s.doValidation(releaseUri).filter((d) => d.code === 'transport-not-covering').length, 0, 'the development value covers every vendor');
});

test('app-missing-install: a macOS app shipping a dext; the fix inserts the key; the iPadOS app is left alone', () => {
  const ws = workspaceFromFolder(USB_PROJECT);
  const [d] = run(ws, APP, 'app-missing-install');
  assert.equal(d!.severity, 'warning');
  assert.match(d!.message, /ships UsbDemoDriver but its entitlements lack 'com\.apple\.developer\.system-extension\.install'/);
  const fixed = applyFix(ws, APP, d!);
  assert.ok(fixed.includes('\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n</dict>'));
  assert.deepEqual(run(ws, PAD, 'app-missing-install'), []);
});

test('entitlement-wrong-side: a dext key in an app target’s entitlements (the project says it is the app’s)', () => {
  const ws = workspaceFromFolder(USB_PROJECT);
  const [d] = run(ws, APP, 'entitlement-wrong-side');
  assert.match(d!.message, /'com\.apple\.developer\.driverkit\.transport\.usb' belongs in the dext's entitlements, not in a host app's/);
});

test('app-missing-install is silent without a project file, and for apps that ship no dext', () => {
  const app = dict('<key>com.apple.security.app-sandbox</key>\n<true/>');
  const noProject = workspaceFromFiles({ '/n/App/App.entitlements': app, '/n/Driver/Info.plist': readFileSync(INFO, 'utf8'), '/n/Driver/Driver.entitlements': dict(DRIVERKIT) });
  assert.ok(noProject.appOf(noProject.get(pathToUri('/n/App/App.entitlements'))!)?.dexts.length, 'the folder model links them');
  assert.deepEqual(run(noProject, '/n/App/App.entitlements', 'app-missing-install'), [], 'but only a project says the app ships the dext');
  const project = readFileSync(fixturePath('ent-usb-project', 'UsbDemo.xcodeproj', 'project.pbxproj'), 'utf8');
  const noDependency = workspaceFromFiles({
    '/p/UsbDemo.xcodeproj/project.pbxproj': project.replace(/\t\t\t\t[0-9A-F]{24} \/\* PBXTargetDependency \*\/,\n/g, ''),
    '/p/UsbDemo/UsbDemo.entitlements': app,
  });
  assert.equal(noDependency.kindOf(noDependency.get(pathToUri('/p/UsbDemo/UsbDemo.entitlements'))!), 'app-entitlements');
  assert.deepEqual(run(noDependency, '/p/UsbDemo/UsbDemo.entitlements', 'app-missing-install'), []);
});

/** A dext Info.plist with one personality (`match`: its matching keys, already as XML lines). */
const info = (id: string, provider = 'IOUSBHostDevice', match = '<key>idVendor</key>\n<integer>1452</integer>', serverName = true) =>
  dict(
    `<key>CFBundleIdentifier</key>\n<string>${id}</string>`,
    `<key>IOKitPersonalities</key>\n<dict>\n\t<key>P</key>\n\t<dict>\n${[
      `<key>IOProviderClass</key>\n<string>${provider}</string>`,
      ...(serverName ? [`<key>IOUserServerName</key>\n<string>${id}</string>`] : []),
      match,
    ].join('\n').split('\n').map((l) => '\t\t' + l).join('\n')}\n\t</dict>\n</dict>`,
  );
const uca = (...ids: string[]) => dict(`<key>com.apple.developer.driverkit.userclient-access</key>\n<array>\n${ids.map((i) => `\t<string>${i}</string>`).join('\n')}\n</array>`);

test('userclient-access-target: an id that is no dext’s; the fix writes the nearest dext id; bundle.id:Class entries grant nothing (whole-string comparison)', () => {
  const app = uca('com.example.drvier:MyUserClient', 'com.example.driver:MyUserClient', 'com.example.driver', '$(DRIVER_ID)');
  const ws = workspaceFromFiles({ '/u/App/App.entitlements': app, '/u/Driver/Info.plist': info('com.example.driver') });
  const [typo, classForm, ...rest] = run(ws, '/u/App/App.entitlements', 'userclient-access-target');
  assert.equal(rest.length, 0);
  assert.equal(textOf(app, typo!), 'com.example.drvier:MyUserClient');
  assert.match(typo!.message, /'com\.example\.drvier:MyUserClient' .* is the bundle id of no dext in this workspace \(com\.example\.driver\)/);
  assert.equal(textOf(app, classForm!), 'com.example.driver:MyUserClient');
  // The plain id is listed too: access works through it, the class form is dead weight.
  assert.equal(classForm!.severity, 'information');
  assert.match(classForm!.message, /grants nothing \(the kernel compares each entry as a whole string; there is no 'bundle\.id:ClassName' form\)\. 'com\.example\.driver', listed too/);
  const fixed = applyFix(ws, '/u/App/App.entitlements', classForm!);
  assert.ok(fixed.includes('<string>com.example.drvier:MyUserClient</string>\n\t\t<string>com.example.driver</string>\n'), fixed);
  assert.ok(!fixed.includes('com.example.driver:MyUserClient'), fixed);
  // Alone, the class form is the only entry for the dext: access fails; the fix writes the plain id.
  const alone = uca('com.example.driver:MyUserClient');
  const ws2 = workspaceFromFiles({ '/u/App/App.entitlements': alone, '/u/Driver/Info.plist': info('com.example.driver') });
  const [only, ...none] = run(ws2, '/u/App/App.entitlements', 'userclient-access-target');
  assert.equal(none.length, 0);
  assert.equal(only!.severity, 'warning');
  assert.match(only!.message, /compares each entry as a whole string.*no 'bundle\.id:ClassName' form.*Write 'com\.example\.driver'/);
  assert.ok(applyFix(ws2, '/u/App/App.entitlements', only!).includes('<string>com.example.driver</string>'));
});

test('userclient-access-target in a workspace of many dexts: the message names five ids and counts the rest; the nearest id is offered', () => {
  const files: Record<string, string> = { '/m/App/App.entitlements': uca('com.example.dext6x') };
  for (let n = 0; n < 8; n++) files[`/m/Dext${n}/Info.plist`] = info(`com.example.dext${n}`);
  const [d, ...rest] = run(workspaceFromFiles(files), '/m/App/App.entitlements', 'userclient-access-target');
  assert.equal(rest.length, 0);
  assert.match(d!.message, /no dext in this workspace \(com\.example\.dext\d, com\.example\.dext\d, com\.example\.dext\d, com\.example\.dext\d, com\.example\.dext\d and 3 more\)/);
  assert.match(d!.message, /Did you mean 'com\.example\.dext6'\?/);
});

test('userclient-access-target is silent while any dext’s bundle id is unresolved', () => {
  const app = uca('com.example.other');
  const unresolved = workspaceFromFiles({ '/u/App/App.entitlements': app, '/u/Driver/Info.plist': info('$(PRODUCT_BUNDLE_IDENTIFIER)') });
  assert.deepEqual(run(unresolved, '/u/App/App.entitlements', 'userclient-access-target'), []);
  const mixed = workspaceFromFiles({ '/u/App/App.entitlements': app, '/u/Driver/Info.plist': info('com.example.driver'), '/u/Second/Info.plist': info('$(PRODUCT_BUNDLE_IDENTIFIER)') });
  assert.deepEqual(run(mixed, '/u/App/App.entitlements', 'userclient-access-target'), []);
  const none = workspaceFromFiles({ '/u/App/App.entitlements': app });
  assert.deepEqual(run(none, '/u/App/App.entitlements', 'userclient-access-target'), []);
});

test('cross-file dext rules stay silent when the dext’s Info.plist is ambiguous (two in one folder, no project)', () => {
  const ents = dict(DRIVERKIT);
  const ws = workspaceFromFiles({
    '/a/Driver/Driver.entitlements': ents,
    '/a/Driver/Info.plist': info('com.example.driver'),
    '/a/Driver/Driver copy-Info.plist': info('com.example.driver'),
  });
  assert.deepEqual(run(ws, '/a/Driver/Driver.entitlements', 'dext-missing-transport'), []);
  const one = workspaceFromFiles({ '/a/Driver/Driver.entitlements': ents, '/a/Driver/Info.plist': info('com.example.driver') });
  assert.equal(run(one, '/a/Driver/Driver.entitlements', 'dext-missing-transport').length, 1);
});

test('dext-missing-transport: PCI and HID providers; personalities of classic kexts are ignored', () => {
  const pciInfo = info('com.example.driver', 'IOPCIDevice', '<key>IOPCIMatch</key>\n<string>0x00261011</string>');
  const ws = workspaceFromFiles({ '/b/Driver/Driver.entitlements': dict(DRIVERKIT), '/b/Driver/Info.plist': pciInfo });
  const [d] = run(ws, '/b/Driver/Driver.entitlements', 'dext-missing-transport');
  assert.match(d!.message, /requires 'com\.apple\.developer\.driverkit\.transport\.pci'/);
  applyFix(ws, '/b/Driver/Driver.entitlements', d!);
  const hidInfo = info('com.example.driver', 'IOHIDInterface', '<key>PrimaryUsagePage</key>\n<integer>1</integer>');
  const hid = workspaceFromFiles({ '/b/Driver/Driver.entitlements': dict(DRIVERKIT), '/b/Driver/Info.plist': hidInfo });
  const [h] = run(hid, '/b/Driver/Driver.entitlements', 'dext-missing-transport');
  assert.equal(h!.fixes[0]!.title, "Add 'com.apple.developer.driverkit.transport.hid'");
  assert.ok(applyFix(hid, '/b/Driver/Driver.entitlements', h!).includes('<key>com.apple.developer.driverkit.transport.hid</key>\n\t<true/>'));
  const kext = info('com.example.driver', 'IOUSBHostDevice', '<key>idVendor</key>\n<integer>1452</integer>', false);
  assert.ok(!kext.includes('IOUserServerName'));
  const classic = workspaceFromFiles({ '/b/Driver/Driver.entitlements': dict(DRIVERKIT), '/b/Driver/Info.plist': kext });
  assert.deepEqual(run(classic, '/b/Driver/Driver.entitlements', 'dext-missing-transport'), []);
});

test('transport-not-covering: PCI vendors from IOPCIPrimaryMatch / IOPCIMatch terms against the granted masks', () => {
  const personality = (match: string) => info('com.example.driver', 'IOPCIDevice', `<key>IOPCIMatch</key>\n<string>${match}</string>`);
  const ents = (granted: string) => dict(DRIVERKIT, `<key>com.apple.developer.driverkit.transport.pci</key>\n<array>\n\t<dict>\n\t\t<key>IOPCIPrimaryMatch</key>\n\t\t<string>${granted}</string>\n\t</dict>\n</array>`);
  const check = (match: string, granted: string) =>
    run(workspaceFromFiles({ '/c/D/D.entitlements': ents(granted), '/c/D/Info.plist': personality(match) }), '/c/D/D.entitlements', 'transport-not-covering');
  assert.deepEqual(check('0x00261011 0x00271011', '0x00001011&amp;0x0000FFFF'), []);
  const [d] = check('0x00261011 0x12345678', '0x00001011&amp;0x0000FFFF');
  assert.match(d!.message, /vendor 0x5678 \(22136\)/);
  assert.deepEqual(check('0x12345678', '0xFFFFFFFF&amp;0x00000000'), [], 'development value');
  assert.deepEqual(check('0x12345678', '0x1011,0x5678'), [], 'a malformed grant is pci-match-syntax’s');
  assert.deepEqual(check('0x00001234&amp;0x0000FF00', '0x00001011&amp;0x0000FFFF'), [], 'a partially masked vendor cannot be judged');
});

test('app-missing-userclient-access: the app ships a dext with a user client but does not list it; the fix adds the id', () => {
  const ws = workspaceFromFolder(USB_PROJECT);
  const [d] = run(ws, APP, 'app-missing-userclient-access');
  assert.equal(d!.severity, 'warning');
  assert.match(d!.message, /ships UsbDemoDriver, which offers a user client, but .* does not list its bundle id 'com\.example\.usbdemo\.driver'/);
  const fixed = applyFix(ws, APP, d!);
  assert.ok(fixed.includes('\t<key>com.apple.developer.driverkit.userclient-access</key>\n\t<array>\n\t\t<string>com.example.usbdemo.driver</string>\n\t</array>\n</dict>'), fixed);
  assert.deepEqual(run(ws, PAD, 'app-missing-userclient-access'), [], 'iPadOS apps use communicates-with-drivers');
});

test('app-missing-userclient-access: the fix extends an existing array or string; listed ids (also id:Class) are clean', () => {
  const appUri = pathToUri(APP);
  const cases: [string, string | undefined][] = [
    ['<array>\n\t\t<string>com.example.other</string>\n\t</array>', '\t\t<string>com.example.other</string>\n\t\t<string>com.example.usbdemo.driver</string>\n\t</array>'],
    ['<string>com.example.other</string>', '\t<array>\n\t\t<string>com.example.other</string>\n\t\t<string>com.example.usbdemo.driver</string>\n\t</array>'],
    ['<array>\n\t\t<string>com.example.usbdemo.driver:UsbDemoUserClient</string>\n\t</array>', undefined],
    ['<string>com.example.usbdemo.driver</string>', undefined],
  ];
  for (const [value, expected] of cases) {
    const ws = workspaceFromFolder(USB_PROJECT);
    ws.set(appUri, dict('<key>com.apple.developer.system-extension.install</key>\n<true/>', `<key>com.apple.developer.driverkit.userclient-access</key>\n${value.replace(/\n\t/g, '\n')}`), 5);
    const list = run(ws, APP, 'app-missing-userclient-access');
    if (!expected) {
      assert.deepEqual(list, [], value);
      continue;
    }
    assert.equal(list.length, 1, value);
    assert.ok(applyFix(ws, APP, list[0]!).includes(expected), value);
  }
});

test('app-missing-userclient-access: silent when the dext allows any client or offers none; the class model counts', () => {
  const driverDir = fixturePath('ent-usb-project', 'UsbDemoDriver');
  const allowAny = workspaceFromFolder(USB_PROJECT);
  for (const name of ['UsbDemoDriver.entitlements']) {
    const uri = pathToUri(`${driverDir}/${name}`);
    allowAny.set(uri, allowAny.get(uri)!.text.replace('<key>com.apple.developer.driverkit</key>', '<key>com.apple.developer.driverkit.allow-any-userclient-access</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit</key>'), 5);
  }
  assert.deepEqual(run(allowAny, APP, 'app-missing-userclient-access'), []);

  const noClient = workspaceFromFolder(USB_PROJECT);
  const infoUri = pathToUri(INFO);
  const iigUri = pathToUri(`${driverDir}/UsbDemoDriver.iig`);
  const withoutProperties = noClient.get(infoUri)!.text.replace(/\t\t\t<key>UserClientProperties<\/key>\n\t\t\t<dict>[\s\S]*?\t\t\t<\/dict>\n/, '');
  assert.ok(!withoutProperties.includes('UserClientProperties'));
  noClient.set(infoUri, withoutProperties, 5);
  assert.equal(run(noClient, APP, 'app-missing-userclient-access').length, 1, 'the .iig still declares NewUserClient');
  noClient.set(iigUri, noClient.get(iigUri)!.text.replace(/\n.*NewUserClient.*\n/, '\n'), 5);
  assert.deepEqual(run(noClient, APP, 'app-missing-userclient-access'), [], 'no user client anywhere');
});

const FAMILY = fixturePath('ent-family');

test('dext-missing-family: from the personality’s IOClass and from the .iig superclass chain; the fix inserts the key', () => {
  const ws = workspaceFromFolder(FAMILY);
  const hid = `${FAMILY}/HidDriver/HidDriver.entitlements`;
  const [h, ...rest] = run(ws, hid, 'dext-missing-family');
  assert.equal(rest.length, 0, 'IOClass and superclass name the same family once');
  assert.equal(h!.severity, 'warning');
  assert.match(h!.message, /^The personality 'HidDriver' uses IOClass AppleUserHIDEventService, which requires 'com\.apple\.developer\.driverkit\.family\.hid\.eventservice'/);
  assert.ok(applyFix(ws, hid, h!).includes('\t<key>com.apple.developer.driverkit.family.hid.eventservice</key>\n\t<true/>\n</dict>'));
  const audio = `${FAMILY}/AudioDriver/AudioDriver.entitlements`;
  const [a] = run(ws, audio, 'dext-missing-family');
  assert.match(a!.message, /^The class AudioDriver derives from IOUserAudioDriver, which requires 'com\.apple\.developer\.driverkit\.family\.audio'/);
  // Per family: the HID kernel class checks it itself; audio's IOUserService checks nothing, Apple's documentation requires it.
  assert.match(h!.message, /the kernel class refuses the service \("family entitlements check failed"\)/);
  assert.match(a!.message, /Apple's documentation requires it for this family \(the kernel check is not public\)/);
  assert.doesNotMatch(a!.message, /family entitlements check failed/);
  const fixed = applyFix(ws, audio, a!);
  assert.deepEqual(run(ws, audio, 'development-entitlement'), [], 'with family.audio, allow-any is what Apple asks for');
  assert.ok(fixed.includes('family.audio'));
  assert.deepEqual(run(ws, `${FAMILY}/NetDriver/NetDriver.entitlements`, 'dext-missing-family'), []);
});

test('dext-missing-family: a family key set to false is reported on its value; IOUserService alone names no family', () => {
  const ws = workspaceFromFolder(FAMILY);
  const net = `${FAMILY}/NetDriver/NetDriver.entitlements`;
  const uri = pathToUri(net);
  ws.set(uri, ws.get(uri)!.text.replace('family.networking</key>\n\t<true/>', 'family.networking</key>\n\t<false/>'), 5);
  const [d] = run(ws, net, 'dext-missing-family');
  assert.match(d!.message, /but it is false here/);
  assert.ok(applyFix(ws, net, d!).includes('family.networking</key>\n\t<true/>'));
  const audioIig = pathToUri(`${FAMILY}/AudioDriver/AudioDriver.iig`);
  ws.delete(audioIig);
  assert.deepEqual(run(ws, `${FAMILY}/AudioDriver/AudioDriver.entitlements`, 'dext-missing-family'), [], 'IOClass IOUserService is shared by generic, audio and MIDI dexts');
});

test('transport-not-covering reads hex personality integers (<integer>0x781</integer>) as the kernel does', () => {
  const personality = info('com.example.driver', 'IOUSBHostInterface', '<key>idVendor</key>\n<integer>0x781</integer>\n<key>idProduct</key>\n<integer>0x5530</integer>');
  const ents = (vendor: string) => dict(DRIVERKIT, `<key>com.apple.developer.driverkit.transport.usb</key>\n<array>\n\t<dict>\n\t\t<key>idVendor</key>\n\t\t${vendor}\n\t</dict>\n</array>`);
  const check = (vendor: string) => run(workspaceFromFiles({ '/h/D/D.entitlements': ents(vendor), '/h/D/Info.plist': personality }), '/h/D/D.entitlements', 'transport-not-covering');
  assert.deepEqual(check('<integer>1921</integer>'), []);
  assert.deepEqual(check('<integer>0x781</integer>'), []);
  assert.match(check('<integer>1920</integer>')[0]!.message, /vendor 0x0781 \(1921\)/);
});
