// The personality rules added from primary-sources.md §4 (xnu, IOPCIFamily, Apple docs): firing and
// clean cases, silence on unresolved values, and each quick fix applied and re-validated.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pathToUri } from '../../../server/src/workspace/uri';
import { diagnosticsOf, fixturePath, workspaceFromFolder } from '../../helpers/workspace';
import { BASE, K, PCI, USB_INTERFACE, assertFixClears, codes, info, only, project } from './helpers';
import { IPADOS_APP_SHIPS_DRIVER_PROJECT } from '../../../server/src/rules/example-projects';

const XCODE_ID = '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>';
const TOP = (id: string) => `\t<key>CFBundleIdentifier</key>\n\t<string>${id}</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the device.</string>\n`;
/** BASE with the personality's CFBundleIdentifier replaced. */
const withBundle = (id: string) => BASE.replace(K('CFBundleIdentifier', '<string>com.example.driver</string>'), K('CFBundleIdentifier', `<string>${id}</string>`));

test('personality-bundle-id-mismatch: literal ids without a project; resolved through the target with one; unresolved values are silent', () => {
  // No project: both literal.
  const literal = info({ P: withBundle('com.example.old') + USB_INTERFACE }, TOP('com.example.driver'));
  const [d, ...rest] = only(literal, 'personality-bundle-id-mismatch');
  assert.equal(rest.length, 0);
  assert.equal(d!.severity, 'error');
  assert.match(d!.message, /CFBundleIdentifier of personality 'P' is 'com\.example\.old', but the dext's bundle id is 'com\.example\.driver'.*Could not find OSKext for com\.example\.old/);
  assert.match(assertFixClears(literal, 'personality-bundle-id-mismatch'), /<key>CFBundleIdentifier<\/key>\n\t\t\t<string>com\.example\.driver<\/string>/, 'the top-level text');
  assert.deepEqual(only(info({ P: withBundle('com.example.driver') + USB_INTERFACE }, TOP('com.example.driver')), 'personality-bundle-id-mismatch'), []);
  // No project, top-level a variable: nothing resolves, nothing is compared.
  assert.deepEqual(only(info({ P: withBundle('com.example.old') + USB_INTERFACE }, TOP('$(PRODUCT_BUNDLE_IDENTIFIER)')), 'personality-bundle-id-mismatch'), []);
  assert.deepEqual(only(info({ P: withBundle('@BUNDLE_ID@') + USB_INTERFACE }, TOP('com.example.driver')), 'personality-bundle-id-mismatch'), [], 'CMake placeholder');
  // With a project: the personality's literal against the resolved top-level id.
  const xcode = info({ P: withBundle('com.example.old') + USB_INTERFACE }, TOP('$(PRODUCT_BUNDLE_IDENTIFIER)'));
  const withProject = only(xcode, 'personality-bundle-id-mismatch', project('com.example.driver'));
  assert.equal(withProject.length, 1);
  assert.match(assertFixClears(xcode, 'personality-bundle-id-mismatch', project('com.example.driver')), /<key>CFBundleIdentifier<\/key>\n\t\t\t<string>\$\(PRODUCT_BUNDLE_IDENTIFIER\)<\/string>/);
  assert.deepEqual(only(info({ P: withBundle('$(PRODUCT_BUNDLE_IDENTIFIER)') + USB_INTERFACE }, TOP('$(PRODUCT_BUNDLE_IDENTIFIER)')), 'personality-bundle-id-mismatch', project('com.example.driver')), []);
  // Variables resolved through the target: equal is silent, different is reported.
  const variable = (id: string) => info({ P: withBundle(id) + USB_INTERFACE }, TOP('$(PRODUCT_BUNDLE_IDENTIFIER)'));
  assert.deepEqual(only(variable('$(APP_ID).driver'), 'personality-bundle-id-mismatch', project('$(APP_ID).driver', 'APP_ID = com.example;')), []);
  assert.match(only(variable('$(APP_ID).drv'), 'personality-bundle-id-mismatch', project('$(APP_ID).driver', 'APP_ID = com.example;'))[0]!.message, /is 'com\.example\.drv', but the dext's bundle id is 'com\.example\.driver'/);
  assert.deepEqual(only(variable('$(UNDEFINED).driver'), 'personality-bundle-id-mismatch', project('com.example.driver')), [], 'unresolved personality id');
  assert.deepEqual(only(variable('com.example.old'), 'personality-bundle-id-mismatch', project('$(UNDEFINED_ID)')), [], 'unresolved dext id');
  // A generated Info.plist without a top-level id: the target's setting is the dext's id.
  assert.equal(only(info({ P: withBundle('com.example.old') + USB_INTERFACE }), 'personality-bundle-id-mismatch', project('com.example.driver')).length, 1);
});

test('dext-on-ioresources: a dext personality on IOResources is an error; the fix moves it to IOUserResources', () => {
  const resources = (provider: string) => BASE + K('IOProviderClass', `<string>${provider}</string>`) + K('IOMatchCategory', '<string>com.example.driver</string>') + K('IOResourceMatch', '<string>IOKit</string>');
  const text = info({ Virtual: resources('IOResources') });
  const [d, ...rest] = only(text, 'dext-on-ioresources');
  assert.equal(rest.length, 0);
  assert.equal(d!.severity, 'error');
  assert.match(d!.message, /Personality 'Virtual' is a dext personality on IOResources: the kernel refuses to attach/);
  assert.match(assertFixClears(text, 'dext-on-ioresources'), /<key>IOProviderClass<\/key>\n\t\t\t<string>IOUserResources<\/string>/);
  assert.deepEqual(codes(info({ Virtual: resources('IOUserResources') })), []);
  // Only IOUserServerName makes the kernel treat it as a dext personality (personality-missing-key reports the rest).
  const noServer = info({ P: resources('IOResources').replace(K('IOUserServerName', '<string>com.example.driver</string>'), '') });
  assert.deepEqual(only(noServer, 'dext-on-ioresources'), []);
});

test('userclient-ioclass: IOClass of …UserClientProperties must be IOUserUserClient; nested service dicts are not user clients', () => {
  const uc = (key: string, body: string) => K(key, `<dict>\n${body}\t\t\t</dict>`);
  const cls = (ioClass: string) => `\t\t\t\t<key>IOClass</key>\n\t\t\t\t<string>${ioClass}</string>\n`;
  const userClass = '\t\t\t\t<key>IOUserClass</key>\n\t\t\t\t<string>DriverUserClient</string>\n';
  const wrong = info({ P: BASE + USB_INTERFACE + uc('UserClientProperties', cls('IOUserClient') + userClass) });
  const [d, ...rest] = only(wrong, 'userclient-ioclass');
  assert.equal(rest.length, 0);
  assert.equal(d!.severity, 'error');
  assert.match(d!.message, /IOClass of UserClientProperties in personality 'P' is 'IOUserClient'.*kIOReturnUnsupported/);
  assert.match(assertFixClears(wrong, 'userclient-ioclass'), /<key>IOClass<\/key>\n\t\t\t\t<string>IOUserUserClient<\/string>/);
  // AudioDriverKit's dict name, and a missing IOClass.
  const audio = info({ P: BASE + USB_INTERFACE + uc('IOUserAudioDriverUserClientProperties', userClass) });
  const missing = only(audio, 'userclient-ioclass');
  assert.match(missing[0]!.message, /IOUserAudioDriverUserClientProperties of personality 'P' has no IOClass: IOService::Create fails \(kIOReturnBadArgument\)/);
  assert.match(assertFixClears(audio, 'userclient-ioclass'), /<key>IOClass<\/key>\n\t\t\t\t<string>IOUserUserClient<\/string>/);
  // Clean: the right class; other nested dicts (ASFireWire's nub properties, Karabiner's HID devices inside UserClientProperties); variables.
  const right = uc('UserClientProperties', cls('IOUserUserClient') + userClass + K('VirtualHIDKeyboardProperties', `<dict>\n${cls('AppleUserHIDDevice')}\t\t\t</dict>`));
  const nub = uc('ASFWAudioNubProperties', cls('IOUserService'));
  assert.deepEqual(codes(info({ P: BASE + USB_INTERFACE + right + nub })), []);
  assert.deepEqual(only(info({ P: BASE + USB_INTERFACE + uc('UserClientProperties', cls('$(UC_CLASS)')) }), 'userclient-ioclass'), []);
});

test('ipados-driver-bundle-prefix: an iPadOS app shipping a dext outside its bundle id (information, verify); macOS apps and unresolved ids are silent', () => {
  const folder = fixturePath('ent-usb-project');
  const infoPath = fixturePath('ent-usb-project', 'UsbDemoDriver', 'Info.plist');
  const projectPath = fixturePath('ent-usb-project', 'UsbDemo.xcodeproj', 'project.pbxproj');
  const rule = (ws: ReturnType<typeof workspaceFromFolder>) => diagnosticsOf(ws, infoPath).filter((d) => d.code === 'ipados-driver-bundle-prefix');
  const ws = workspaceFromFolder(folder);
  const [d, ...rest] = rule(ws);
  assert.equal(rest.length, 0);
  assert.equal(d!.severity, 'information');
  assert.match(d!.message, /The iPadOS app UsbDemoPad \('com\.example\.usbdemo\.pad'\) ships this dext, whose bundle id 'com\.example\.usbdemo\.driver' does not begin with 'com\.example\.usbdemo\.pad\.'/);
  const pbx = readFileSync(projectPath, 'utf8');
  const edit = (from: string, to: string) => {
    const w = workspaceFromFolder(folder);
    assert.ok(pbx.includes(from), from);
    w.set(pathToUri(projectPath), pbx.split(from).join(to), 2);
    return rule(w);
  };
  assert.deepEqual(edit('com.example.usbdemo.pad;', 'com.example.usbdemo;'), [], 'the dext id begins with the app id');
  assert.deepEqual(edit('SDKROOT = iphoneos;', 'SDKROOT = macosx;'), [], 'macOS apps install dexts through system extensions');
  assert.deepEqual(edit('com.example.usbdemo.pad;', '"$(UNKNOWN).pad";'), [], 'unresolved app id');
});

test('ipados-resources-provider: a dext an iPadOS app ships, on IOUserResources (warning); macOS apps, no project, hardware and IOResources are silent', () => {
  const files = (sdk = 'iphoneos') => {
    assert.ok(IPADOS_APP_SHIPS_DRIVER_PROJECT.includes('SDKROOT = iphoneos;'));
    return {
      '/w/MyApp.xcodeproj/project.pbxproj': IPADOS_APP_SHIPS_DRIVER_PROJECT.replace('SDKROOT = iphoneos;', `SDKROOT = ${sdk};`),
      '/w/App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit.communicates-with-drivers</key>\n\t<true/>\n</dict>\n</plist>\n',
    };
  };
  const on = (provider: string) => info({ P: BASE + K('IOProviderClass', `<string>${provider}</string>`) + K('IOMatchCategory', '<string>x</string>') + K('IOResourceMatch', '<string>IOKit</string>') });
  const [d, ...rest] = only(on('IOUserResources'), 'ipados-resources-provider', files());
  assert.equal(rest.length, 0);
  assert.equal(d!.severity, 'warning');
  assert.match(d!.message, /Personality 'P' matches IOUserResources, and the iPadOS app MyApp ships this dext: iPadOS refuses third-party dexts on IOUserResources unless they are signed for development \(the server exits with "Third party driver may only match real hardware"\)/);
  assert.deepEqual(only(on('IOUserResources'), 'ipados-resources-provider', files('macosx')), [], 'macOS allows it');
  assert.deepEqual(only(on('IOUserResources'), 'ipados-resources-provider'), [], 'no project: no app known');
  assert.deepEqual(only(on('IOResources'), 'ipados-resources-provider', files()), [], 'dext-on-ioresources reports IOResources on every platform');
  assert.deepEqual(only(info({ P: BASE + USB_INTERFACE }), 'ipados-resources-provider', files()), []);
});

test('personality-dext-entitlements: a top-level IOServiceDEXTEntitlements the dext’s entitlements do not satisfy; alternatives and all-of arrays as the kernel reads them', () => {
  const ent = (...keys: string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n${keys.map((k) => `\t<key>${k}</key>\n\t<true/>\n`).join('')}</dict>\n</plist>\n`;
  const withReq = (value: string) => info({ P: BASE + USB_INTERFACE + K('IOServiceDEXTEntitlements', value) });
  const run = (value: string, ...keys: string[]) => only(withReq(value), 'personality-dext-entitlements', { '/w/Driver/Driver.entitlements': ent(...keys) });
  const [d, ...rest] = run('<array>\n\t\t\t\t<string>com.example.client</string>\n\t\t\t</array>');
  assert.equal(rest.length, 0);
  assert.equal(d!.severity, 'warning');
  assert.match(d!.message, /top level of personality 'P' is checked against the dext itself.*\(Driver\.entitlements\) has 'com\.example\.client': the kernel refuses the dext \("family entitlements check failed"\)/);
  assert.deepEqual(run('<string>com.example.client</string>', 'com.example.client'), [], 'present');
  assert.deepEqual(run('<array>\n\t\t\t\t<string>com.example.a</string>\n\t\t\t\t<string>com.example.b</string>\n\t\t\t</array>', 'com.example.b'), [], 'one alternative is enough');
  const allOf = '<array>\n\t\t\t\t<array>\n\t\t\t\t\t<string>com.example.a</string>\n\t\t\t\t\t<string>com.example.b</string>\n\t\t\t\t</array>\n\t\t\t</array>';
  assert.match(run(allOf, 'com.example.b')[0]!.message, /has 'com\.example\.a' and 'com\.example\.b'/, 'an inner array needs all');
  assert.deepEqual(run(allOf, 'com.example.a', 'com.example.b'), []);
  assert.deepEqual(run('<string>$(CLIENT_ENTITLEMENT)</string>'), [], 'unresolved name');
  assert.deepEqual(only(withReq('<string>com.example.client</string>'), 'personality-dext-entitlements'), [], 'no entitlements file known');
  // In UserClientProperties it is the app's requirement: not this rule's.
  const inClient = info({ P: BASE + USB_INTERFACE + K('UserClientProperties', '<dict>\n\t\t\t\t<key>IOClass</key>\n\t\t\t\t<string>IOUserUserClient</string>\n\t\t\t\t<key>IOServiceDEXTEntitlements</key>\n\t\t\t\t<string>com.example.client</string>\n\t\t\t</dict>') });
  assert.deepEqual(only(inClient, 'personality-dext-entitlements', { '/w/Driver/Driver.entitlements': ent() }), []);
});

test('builtin-device-match: IOPropertyMatch on a built-in HID interface or PCI device (information); silent for external devices or with driverkit.builtin', () => {
  const hid = (match: string) => info({ P: BASE.replace('<string>IOUserService</string>', '<string>AppleUserHIDEventService</string>') + K('IOProviderClass', '<string>IOHIDInterface</string>') + K('IOPropertyMatch', match) });
  const builtIn = '<dict>\n\t\t\t\t<key>Built-In</key>\n\t\t\t\t<true/>\n\t\t\t</dict>';
  const [d, ...rest] = only(hid(builtIn), 'builtin-device-match');
  assert.equal(rest.length, 0);
  assert.equal(d!.severity, 'information');
  assert.match(d!.message, /'P' only matches built-in devices \(IOPropertyMatch Built-In\): the IOHIDInterface provider then also requires 'com\.apple\.developer\.driverkit\.builtin'/);
  assert.equal(only(hid(`<array>\n\t\t\t\t<dict/>\n\t\t\t\t${builtIn}\n\t\t\t</array>`), 'builtin-device-match').length, 1, 'one alternative of an array');
  assert.deepEqual(only(hid(builtIn.replace('<true/>', '<false/>')), 'builtin-device-match'), [], 'external devices');
  const entitled = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit.builtin</key>\n\t<true/>\n</dict>\n</plist>\n';
  assert.deepEqual(only(hid(builtIn), 'builtin-device-match', { '/w/Driver/Driver.entitlements': entitled }), [], 'Apple’s own dext');
  const pci = info({ P: BASE + PCI + K('IOPropertyMatch', '<dict>\n\t\t\t\t<key>built-in</key>\n\t\t\t\t<data>AA==</data>\n\t\t\t</dict>') });
  assert.equal(only(pci, 'builtin-device-match').length, 1, 'PCI: the property’s presence');
  assert.deepEqual(only(info({ P: BASE + PCI + K('IOPropertyMatch', '<dict>\n\t\t\t\t<key>Built-In</key>\n\t\t\t\t<true/>\n\t\t\t</dict>') }), 'builtin-device-match'), [], 'the HID key on a PCI device means nothing');
});
