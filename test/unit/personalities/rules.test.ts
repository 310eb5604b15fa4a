// The personality rules, one test per rule: firing and clean cases, and each quick fix applied and
// re-validated (helpers.assertFixClears). The corpus is checked in corpus.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE, K, PCI, USAGE, USB_INTERFACE, assertFixClears, check, codes, info, only, project } from './helpers';

const iig = (cls: string, superclass: string, extra = '') => ({ [`/w/Driver/${cls}.iig`]: `class ${cls} : public ${superclass}\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n${extra}};\n` });
const withClass = (ioClass: string, userClass = 'Driver') => BASE.replace('<string>IOUserService</string>', `<string>${ioClass}</string>`).replace('<string>Driver</string>', `<string>${userClass}</string>`);

test('complete USB, PCI and resources personalities are clean', () => {
  const resources = BASE + K('IOProviderClass', '<string>IOUserResources</string>') + K('IOMatchCategory', '<string>com.example.driver</string>') + K('IOResourceMatch', '<string>IOKit</string>');
  assert.deepEqual(codes(info({ Usb: BASE + USB_INTERFACE, Pci: BASE + PCI, Virtual: resources })), []);
});

test('personality-missing-key: each of the four keys, the IOUserServerName fix; classic kext personalities are left alone', () => {
  const noServer = info({ P: K('IOProviderClass', '<string>IOUSBHostDevice</string>') + K('IOClass', '<string>IOUserService</string>') + K('IOUserClass', '<string>Driver</string>') + K('idVendor', '<integer>1</integer>') + K('idProduct', '<integer>2</integer>') });
  const d = only(noServer, 'personality-missing-key');
  assert.equal(d.length, 1);
  // The kernel classifies a personality as a dext one by IOUserServerName (xnu IOService.cpp).
  assert.match(d[0]!.message, /has no IOUserServerName: the kernel treats it as a kext personality, not a dext one, and launches no dext/);
  assert.equal(d[0]!.range.start.line, 7, "on the personality name");
  assert.match(assertFixClears(noServer, 'personality-missing-key'), /<key>IOUserServerName<\/key>\n\t\t\t<string>\$\(PRODUCT_BUNDLE_IDENTIFIER\)<\/string>\n\t\t<\/dict>/);
  const onlyServer = info({ P: K('IOUserServerName', '<string>com.example.driver</string>') });
  assert.deepEqual(only(onlyServer, 'personality-missing-key').map((x) => /has no (\w+)/.exec(x.message)![1]), ['IOProviderClass', 'IOClass', 'IOUserClass']);
  assert.deepEqual(only(onlyServer, 'personality-missing-key').map((x) => x.fixes.map((f) => f.title)), [[], ['Insert IOClass = IOUserService'], []], 'no guess for the provider; no class without .iig');
  // With the dext's classes: the family's kernel class, and the only service class.
  const classes = { ...iig('Hba', 'IOUserSCSIParallelInterfaceController'), ...iig('HbaUserClient', 'IOUserClient') };
  const noClass = info({ P: K('IOProviderClass', '<string>IOPCIDevice</string>') + K('IOUserServerName', '<string>com.example.driver</string>') + K('IOUserClass', '<string>Hba</string>') + K('IOPCITunnelCompatible', '<true/>') + K('CFBundleIdentifierKernel', '<string>com.apple.iokit.IOSCSIParallelFamily</string>') });
  assert.match(assertFixClears(noClass, 'personality-missing-key', classes), /<key>IOClass<\/key>\n\t\t\t<string>IOUserSCSIParallelInterfaceController<\/string>/);
  const noUserClass = info({ P: K('IOProviderClass', '<string>IOPCIDevice</string>') + K('IOUserServerName', '<string>com.example.driver</string>') + K('IOClass', '<string>IOUserSCSIParallelInterfaceController</string>') + K('IOPCITunnelCompatible', '<true/>') + K('CFBundleIdentifierKernel', '<string>com.apple.iokit.IOSCSIParallelFamily</string>') });
  assert.match(assertFixClears(noUserClass, 'personality-missing-key', classes), /<key>IOUserClass<\/key>\n\t\t\t<string>Hba<\/string>/);
  // A kext personality beside a DriverKit one: only the DriverKit one is checked.
  const kext = K('IOClass', '<string>com_example_Kext</string>') + K('IOProviderClass', '<string>IOUSBHostInterface</string>') + K('IOProbeScore', '<string>1000</string>') + K('IOMatchCategory', '<string>x</string>');
  assert.deepEqual(codes(info({ Dext: BASE + USB_INTERFACE, Kext: kext })), []);
});

test('personality-key-type: numeric strings convert to <integer>; "*" is a USB wildcard; PCI strings belong to pci-match-syntax', () => {
  const text = info({ P: BASE + USB_INTERFACE.replace('<integer>1452</integer>', '<string>0x5ac</string>') });
  const d = only(text, 'personality-key-type');
  assert.equal(d.length, 1);
  assert.match(d[0]!.message, /idVendor in personality 'P' is <string>, but takes <integer>: IOKit compares it by type and the personality never matches/);
  assert.match(assertFixClears(text, 'personality-key-type'), /<key>idVendor<\/key>\n\t\t\t<integer>0x5ac<\/integer>/);
  assert.deepEqual(codes(info({ P: BASE + USB_INTERFACE.replace('<integer>4660</integer>', '<string>*</string>') })), [], 'wildcard');
  const wrong = info({ P: BASE + USB_INTERFACE + K('IOProbeScore', '<string>high</string>') + K('IOUserServerOneProcess', '<string>YES</string>') });
  const both = only(wrong, 'personality-key-type');
  assert.deepEqual(both.map((x) => x.message.split(' ')[0]), ['IOProbeScore', 'IOUserServerOneProcess']);
  assert.ok(both.every((x) => x.fixes.length === 0), 'no fix when the intent is not a number');
  // IOUserServerOneProcess is tested for presence: its type is information only.
  assert.deepEqual(both.map((x) => x.severity), ['error', 'information']);
  assert.match(both[1]!.message, /the kernel only tests that the key exists, so process sharing is on whatever the value/);
  assert.deepEqual(only(info({ P: BASE + K('IOProviderClass', '<string>IOPCIDevice</string>') + K('IOPCIMatch', '<integer>305419896</integer>') + K('IOPCITunnelCompatible', '<true/>') }), 'personality-key-type'), []);
  assert.deepEqual(codes(info({ P: BASE + USB_INTERFACE.replace('<integer>0</integer>', '<integer>0x0</integer>') })), [], 'hex integers are integers');
});

test('personality-unknown-key: near misses of known keys are renamed; driver-specific keys are left alone', () => {
  const text = info({ P: BASE + USB_INTERFACE + K('idvendor', '<integer>1</integer>') + K('MyDriverConfig', '<dict/>') + K('Debug', '<true/>') });
  const d = only(text, 'personality-unknown-key');
  assert.equal(d.length, 1);
  assert.match(d[0]!.message, /'idvendor'.*did you mean 'idVendor'/);
  const typo = info({ P: BASE.replace('IOUserServerName', 'IOUserServername') + USB_INTERFACE });
  assert.match(assertFixClears(typo, 'personality-unknown-key'), /<key>IOUserServerName<\/key>/);
});

test('iomatchcategory-non-resources: template debris on hardware is removed with its IOResourceMatch; two services on one device are silent', () => {
  const debris = info({ P: BASE + USB_INTERFACE + K('IOMatchCategory', '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>') + K('IOResourceMatch', '<string>IOKit</string>') });
  const d = only(debris, 'iomatchcategory-non-resources')[0]!;
  assert.match(d.message, /IOMatchCategory on provider IOUSBHostInterface.*also removes the IOResourceMatch next to it.*harmless on hardware/);
  const fixed = assertFixClears(debris, 'iomatchcategory-non-resources');
  assert.ok(!fixed.includes('IOResourceMatch') && !fixed.includes('IOMatchCategory'));
  const alone = info({ P: BASE + USB_INTERFACE + K('IOMatchCategory', '<string>x</string>') });
  assert.equal(only(alone, 'iomatchcategory-non-resources')[0]!.fixes[0]!.title, 'Remove IOMatchCategory');
  // ASFW: two personalities on one PCI device, one in the default category, one in its own.
  assert.deepEqual(codes(info({ Main: BASE + PCI, Scsi: BASE + PCI + K('IOMatchCategory', '<string>second</string>') })), []);
  // AQC111: a device personality and an interface personality, each in a category of its own.
  const device = BASE + K('IOProviderClass', '<string>IOUSBHostDevice</string>') + K('idVendor', '<integer>8436</integer>') + K('idProduct', '<integer>57434</integer>') + K('IOMatchCategory', '<string>$(PRODUCT_BUNDLE_IDENTIFIER).device</string>');
  assert.deepEqual(codes(info({ Device: device, Nic: BASE + USB_INTERFACE + K('IOMatchCategory', '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>') })), []);
  // The same category on both is not two services: still reported.
  assert.equal(only(info({ A: BASE + PCI + K('IOMatchCategory', '<string>same</string>'), B: BASE + PCI + K('IOMatchCategory', '<string>same</string>') }), 'iomatchcategory-non-resources').length, 2);
});

test('iomatchcategory-missing: IOResources / IOUserResources without a category get one (the IOClass)', () => {
  const text = info({ P: BASE + K('IOProviderClass', '<string>IOUserResources</string>') + K('IOResourceMatch', '<string>IOKit</string>') });
  assert.match(assertFixClears(text, 'iomatchcategory-missing'), /<key>IOMatchCategory<\/key>\n\t\t\t<string>IOUserService<\/string>/);
  const kextStyle = BASE.replace(K('IOUserServerName', '<string>com.example.driver</string>'), '');
  assert.equal(only(info({ P: kextStyle + K('IOProviderClass', '<string>IOResources</string>') }), 'iomatchcategory-missing').length, 1);
  // A dext personality on IOResources is never attached (xnu startCandidate), so it holds no category: dext-on-ioresources only.
  const dextOnResources = info({ P: BASE + K('IOProviderClass', '<string>IOResources</string>') });
  assert.deepEqual(only(dextOnResources, 'iomatchcategory-missing'), []);
  assert.equal(only(dextOnResources, 'dext-on-ioresources').length, 1);
  assert.deepEqual(only(info({ P: BASE + USB_INTERFACE }), 'iomatchcategory-missing'), []);
});

test('userserver-name-mismatch: the template value is a warning; another name than the target bundle id information (the kernel finds the dext by CFBundleIdentifier)', () => {
  const server = (name: string, bundle = '$(PRODUCT_BUNDLE_IDENTIFIER)') => info({ P: BASE.replace('<string>com.example.driver</string>', `<string>${bundle}</string>`).replace(K('IOUserServerName', '<string>com.example.driver</string>'), K('IOUserServerName', `<string>${name}</string>`)) + USB_INTERFACE });
  const template = server('com.apple.null.driver');
  const [t] = only(template, 'userserver-name-mismatch');
  assert.equal(t!.severity, 'warning');
  assert.match(t!.message, /still the Xcode template's 'com\.apple\.null\.driver' while the bundle id is '\$\(PRODUCT_BUNDLE_IDENTIFIER\)'/);
  assert.doesNotMatch(t!.message, /launches nothing/);
  assert.match(assertFixClears(template, 'userserver-name-mismatch'), /<key>IOUserServerName<\/key>\n\t\t\t<string>\$\(PRODUCT_BUNDLE_IDENTIFIER\)<\/string>/);
  assert.deepEqual(only(server('com.apple.null.driver', 'com.apple.null.driver'), 'userserver-name-mismatch'), [], 'the template on both sides');
  assert.deepEqual(only(server('com.example.old'), 'userserver-name-mismatch'), [], 'no project: a hard-coded name is not compared');
  const withProject = only(server('com.example.old'), 'userserver-name-mismatch', project('com.example.driver'));
  assert.equal(withProject.length, 1);
  assert.equal(withProject[0]!.severity, 'information');
  assert.match(withProject[0]!.message, /IOUserServerName is 'com\.example\.old', not the dext target's bundle id 'com\.example\.driver': it names the dext's process \(the kernel finds the dext by the personality's CFBundleIdentifier\)/);
  assert.equal(only(server('com.apple.null.driver'), 'userserver-name-mismatch', project('com.example.driver'))[0]!.severity, 'warning', 'the template value with a project');
  assertFixClears(server('com.example.old'), 'userserver-name-mismatch', project('com.example.driver'));
  assert.deepEqual(only(server('$(PRODUCT_BUNDLE_IDENTIFIER)'), 'userserver-name-mismatch', project('com.example.driver')), []);
  assert.deepEqual(only(server('$(APP_ID).driver'), 'userserver-name-mismatch', project('$(APP_ID).driver', 'APP_ID = com.example;')), [], 'resolved through the target');
  assert.equal(only(server('$(APP_ID).drv'), 'userserver-name-mismatch', project('$(APP_ID).driver', 'APP_ID = com.example;')).length, 1);
  // A project whose bundle id does not resolve still catches the template value.
  assert.equal(only(template, 'userserver-name-mismatch', project('$(UNDEFINED_ID)')).length, 1);
  assert.deepEqual(only(server('com.example.old'), 'userserver-name-mismatch', project('$(UNDEFINED_ID)')), []);
});

test('user-class-unknown: only with .iig files; the nearest declared class; UserClientProperties too; variables resolved', () => {
  const classes = { ...iig('Driver', 'IOService'), ...iig('DriverUserClient', 'IOUserClient') };
  const typo = info({ P: withClass('IOUserService', 'Drivr') + USB_INTERFACE });
  assert.deepEqual(only(typo, 'user-class-unknown'), [], 'no .iig: silent');
  assert.match(only(typo, 'user-class-unknown', classes)[0]!.message, /IOUserClass 'Drivr' is not declared in the dext's \.iig files \(Driver, DriverUserClient\).*Did you mean 'Driver'\?/);
  assert.match(assertFixClears(typo, 'user-class-unknown', classes), /<key>IOUserClass<\/key>\n\t\t\t<string>Driver<\/string>/);
  const userClient = K('UserClientProperties', '<dict>\n\t\t\t\t<key>IOClass</key>\n\t\t\t\t<string>IOUserUserClient</string>\n\t\t\t\t<key>IOUserClass</key>\n\t\t\t\t<string>DriverUserClnt</string>\n\t\t\t</dict>');
  const uc = info({ P: BASE + USB_INTERFACE + userClient });
  assert.match(only(uc, 'user-class-unknown', classes)[0]!.message, /^UserClientProperties of 'P': IOUserClass 'DriverUserClnt'/);
  assertFixClears(uc, 'user-class-unknown', classes);
  const variable = info({ P: withClass('IOUserService', '$(PRODUCT_NAME)') + USB_INTERFACE });
  assert.deepEqual(only(variable, 'user-class-unknown', { ...classes, ...project('com.example.driver', 'PRODUCT_NAME = Driver;') }), []);
  assert.equal(only(variable, 'user-class-unknown', { ...classes, ...project('com.example.driver', 'PRODUCT_NAME = Other;') }).length, 1);
  assert.deepEqual(only(variable, 'user-class-unknown', classes), [], 'unresolved: silent');
});

test('ioclass-family-mismatch: the family of the IOUserClass decides; error where a primary source states the kernel class, warning otherwise', () => {
  const scsi = iig('Driver', 'IOUserSCSIParallelInterfaceController');
  const generic = info({ P: BASE + PCI + K('CFBundleIdentifierKernel', '<string>com.apple.iokit.IOSCSIParallelFamily</string>') });
  const d = only(generic, 'ioclass-family-mismatch', scsi)[0]!;
  assert.equal(d.severity, 'error');
  assert.match(d.message, /Driver → IOUserSCSIParallelInterfaceController belongs to the IOUserSCSIParallelInterfaceController family, whose kernel class is 'IOUserSCSIParallelInterfaceController'/);
  assert.match(assertFixClears(generic, 'ioclass-family-mismatch', scsi), /<key>IOClass<\/key>\n\t\t\t<string>IOUserSCSIParallelInterfaceController<\/string>/);
  // The SCSI peripheral case: IOUserService for a Type00 subclass. Only an Apple DTS forum answer
  // gives its kernel class (no Apple document or source): a warning.
  const seed = only(info({ P: BASE + K('IOProviderClass', '<string>IOSCSIPeripheralDeviceNub</string>') }), 'ioclass-family-mismatch', iig('Driver', 'IOUserSCSIPeripheralDeviceType00'));
  assert.equal(seed[0]?.severity, 'warning');
  // USB HID: Apple's class page gives IOClass AppleUserHIDDevice; the old table's AppleUserUSBHostHIDDevice is reported, not proposed.
  assert.deepEqual(only(info({ P: withClass('AppleUserHIDDevice', 'Hid') + K('IOProviderClass', '<string>IOUSBHostInterface</string>') }), 'ioclass-family-mismatch', iig('Hid', 'IOUserUSBHostHIDDevice')), []);
  const usbHid = only(info({ P: withClass('AppleUserUSBHostHIDDevice', 'Hid') + K('IOProviderClass', '<string>IOUSBHostInterface</string>') }), 'ioclass-family-mismatch', iig('Hid', 'IOUserUSBHostHIDDevice'))[0]!;
  assert.equal(usbHid.severity, 'error');
  assert.match(usbHid.message, /Use 'AppleUserHIDDevice'/);
  // AppleUserUSBHostHIDDevice is the IOUserClass of Apple's own HID dext, no kernel class: reported
  // without any .iig (the corpus's ds4mac writes it as IOClass), and on a class whose family is generic.
  const appleUserClass = info({ P: withClass('AppleUserUSBHostHIDDevice', 'DS4HIDDevice') + K('IOProviderClass', '<string>IOUSBHostInterface</string>') });
  const noIig = only(appleUserClass, 'ioclass-family-mismatch')[0]!;
  assert.equal(noIig?.severity, 'error');
  assert.match(noIig.message, /'AppleUserUSBHostHIDDevice' is a class of Apple's own HID dext \(its IOUserClass there\), not a kernel class.*Use 'AppleUserHIDDevice'/);
  assert.match(assertFixClears(appleUserClass, 'ioclass-family-mismatch'), /<key>IOClass<\/key>\n\t\t\t<string>AppleUserHIDDevice<\/string>/);
  assert.equal(only(appleUserClass, 'ioclass-family-mismatch', iig('DS4HIDDevice', 'IOService'))[0]?.severity, 'error', 'a generic class does not excuse it');
  assert.match(only(appleUserClass, 'ioclass-family-mismatch', iig('DS4HIDDevice', 'IOUserHIDDevice'))[0]!.message, /DS4HIDDevice → IOUserHIDDevice belongs to the IOUserHIDDevice family, whose kernel class is 'AppleUserHIDDevice'/);
  // Through the project's own base class; a family known from forum answers only is a warning.
  const nic = only(info({ P: BASE + PCI }), 'ioclass-family-mismatch', { ...iig('Driver', 'DriverBase'), ...iig('DriverBase', 'IOUserNetworkEthernet') })[0]!;
  assert.equal(nic.severity, 'warning');
  assert.match(nic.message, /Driver → DriverBase → IOUserNetworkEthernet .*\(verify: the family fact comes from forum answers only\)/);
  // The DriverKit class name as IOClass, without any .iig.
  const hid = info({ P: withClass('IOUserHIDEventService') + K('IOProviderClass', '<string>IOHIDInterface</string>') });
  assert.match(only(hid, 'ioclass-family-mismatch')[0]!.message, /'IOUserHIDEventService' is the DriverKit class; the kernel class of the IOUserHIDEventService family is 'AppleUserHIDEventService'/);
  assertFixClears(hid, 'ioclass-family-mismatch');
  assert.match(assertFixClears(info({ P: withClass('IOUserAudioDriver') + K('IOProviderClass', '<string>IOUserResources</string>') + K('IOMatchCategory', '<string>x</string>') }), 'ioclass-family-mismatch'), /<string>IOUserService<\/string>/);
  // Clean: right kernel classes, and a generic class (the generic row accepts kernel classes we may not know).
  assert.deepEqual(only(info({ P: withClass('AppleUserHIDEventService', 'Keyboard') + K('IOProviderClass', '<string>IOHIDInterface</string>') }), 'ioclass-family-mismatch', iig('Keyboard', 'IOUserHIDEventDriver')), []);
  assert.equal(only(info({ P: withClass('IOUserService', 'Keyboard') + K('IOProviderClass', '<string>IOHIDInterface</string>') }), 'ioclass-family-mismatch', iig('Keyboard', 'IOUserHIDEventDriver'))[0]?.severity, 'error', 'through the SDK subclass IOUserHIDEventDriver (IOUserHIDEventDriver.iig derives from IOUserHIDEventService)');
  assert.deepEqual(only(info({ P: withClass('AppleUserHIDEventService') + PCI }), 'ioclass-family-mismatch', iig('Driver', 'IOService')), []);
  assert.deepEqual(only(info({ P: withClass('IOUserService', 'Audio') + K('IOProviderClass', '<string>IOUserResources</string>') }), 'ioclass-family-mismatch', iig('Audio', 'IOUserAudioDriver')), []);
});

test('usb-matching-incomplete: the missing keys of the nearest row; interface keys on a device; complete rows are clean', () => {
  const partial = info({ P: BASE + K('IOProviderClass', '<string>IOUSBHostInterface</string>') + K('idVendor', '<integer>1452</integer>') + K('idProduct', '<integer>4660</integer>') + K('bInterfaceNumber', '<integer>0</integer>') });
  assert.match(only(partial, 'usb-matching-incomplete')[0]!.message, /complete no matching row for IOUSBHostInterface: it never matches\. Add bConfigurationValue/);
  assert.match(assertFixClears(partial, 'usb-matching-incomplete'), /<key>bInterfaceNumber<\/key>\n\t\t\t<integer>0<\/integer>\n\t\t\t<key>bConfigurationValue<\/key>\n\t\t\t<integer>1<\/integer>\n\t\t<\/dict>/);
  const two = info({ P: BASE + K('IOProviderClass', '<string>IOUSBHostInterface</string>') + K('idVendor', '<integer>1452</integer>') + K('idProduct', '<integer>4660</integer>') });
  assert.match(assertFixClears(two, 'usb-matching-incomplete'), /bInterfaceNumber[\s\S]*bConfigurationValue/);
  const onDevice = info({ P: BASE + K('IOProviderClass', '<string>IOUSBHostDevice</string>') + K('idVendor', '<integer>1452</integer>') + K('idProduct', '<integer>4660</integer>') + K('bInterfaceNumber', '<integer>0</integer>') });
  const d = only(onDevice, 'usb-matching-incomplete')[0]!;
  assert.match(d.message, /interface keys \(bInterfaceNumber\): they belong to IOUSBHostInterface personalities/);
  assert.deepEqual(d.fixes, []);
  const device = (keys: string) => info({ P: BASE + K('IOProviderClass', '<string>IOUSBHostDevice</string>') + keys });
  const iface = (keys: string) => info({ P: BASE + K('IOProviderClass', '<string>IOUSBHostInterface</string>') + keys });
  for (const clean of [
    device(K('idVendor', '<integer>1</integer>') + K('idProductArray', '<array><integer>2</integer></array>') + K('idProductMask', '<integer>65535</integer>')),
    device(K('bDeviceClass', '<integer>255</integer>') + K('bDeviceSubClass', '<string>*</string>')),
    device(K('idVendor', '<integer>1</integer>') + K('bDeviceSubClass', '<integer>2</integer>')),
    iface(K('bInterfaceClass', '<integer>3</integer>') + K('bInterfaceSubClass', '<integer>1</integer>') + K('bInterfaceProtocol', '<integer>1</integer>')),
    iface(K('idVendor', '<integer>1</integer>') + K('bInterfaceSubClass', '<integer>2</integer>')),
    iface(K('IOPropertyMatch', '<dict/>')),
  ]) assert.deepEqual(only(clean, 'usb-matching-incomplete'), [], clean);
  assert.match(only(iface(K('bInterfaceClass', '<integer>3</integer>')), 'usb-matching-incomplete')[0]!.message, /Add bInterfaceSubClass/);
});

test('missing-usage-description: at the top level; one inside a personality is named; an empty one is fine', () => {
  const misplaced = info({ P: BASE + USB_INTERFACE + K('OSBundleUsageDescription', '<string>x</string>') }, '');
  const d = only(misplaced, 'missing-usage-description')[0]!;
  assert.match(d.message, /The one in personality 'P' is not read there: move it to the top level/);
  assert.deepEqual([d.range.start.line, d.range.start.character], [2, 0]);
  assertFixClears(misplaced, 'missing-usage-description');
  assert.deepEqual(codes(info({ P: BASE + USB_INTERFACE }, '\t<key>OSBundleUsageDescription</key>\n\t<string></string>\n')), []);
});

test('kernel-bundle-mismatch: a family IOClass outside com.apple.kpi.iokit needs its kext', () => {
  const nic = (kernel: string) => info({ P: withClass('IOUserNetworkEthernet') + USB_INTERFACE + kernel });
  assert.match(assertFixClears(nic(K('CFBundleIdentifierKernel', '<string>com.apple.kpi.iokit</string>')), 'kernel-bundle-mismatch'), /<string>com\.apple\.iokit\.IOSkywalkFamily<\/string>/);
  const missing = only(nic(''), 'kernel-bundle-mismatch')[0]!;
  assert.match(missing.message, /CFBundleIdentifierKernel is missing/);
  assert.match(assertFixClears(nic(''), 'kernel-bundle-mismatch'), /<key>CFBundleIdentifierKernel<\/key>\n\t\t\t<string>com\.apple\.iokit\.IOSkywalkFamily<\/string>\n\t\t<\/dict>/);
  assert.deepEqual(only(nic(K('CFBundleIdentifierKernel', '<string>com.apple.iokit.IOSkywalkFamily</string>')), 'kernel-bundle-mismatch'), []);
  assert.equal(only(info({ P: withClass('IOUserSerial') + USB_INTERFACE }), 'kernel-bundle-mismatch').length, 1);
  assert.deepEqual(only(info({ P: BASE + USB_INTERFACE }), 'kernel-bundle-mismatch'), [], 'IOUserService needs no kext');
  assert.deepEqual(only(info({ P: withClass('AppleUserHIDEventService') + K('IOProviderClass', '<string>IOHIDInterface</string>') }), 'kernel-bundle-mismatch'), []);
  // HID: Apple's own HID dext names com.apple.iokit.IOHIDFamily; com.apple.kpi.iokit (and no key) work
  // because IOHIDFamily is always loaded; another kext is reported, with IOHIDFamily as the fix.
  const hid = (kernel: string) => info({ P: withClass('AppleUserHIDDevice') + K('IOProviderClass', '<string>IOUSBHostInterface</string>') + kernel });
  for (const ok of ['com.apple.iokit.IOHIDFamily', 'com.apple.kpi.iokit']) assert.deepEqual(only(hid(K('CFBundleIdentifierKernel', `<string>${ok}</string>`)), 'kernel-bundle-mismatch'), [], ok);
  assert.deepEqual(only(hid(''), 'kernel-bundle-mismatch'), []);
  const other = only(hid(K('CFBundleIdentifierKernel', '<string>com.apple.iokit.IOSkywalkFamily</string>')), 'kernel-bundle-mismatch')[0]!;
  assert.match(other.message, /lives in com\.apple\.iokit\.IOHIDFamily.*Couldn't alloc class/);
});

test('system-added-key: the real key kOSBundleDextUniqueIdentifier (with the k) is reported once, not "corrected" by personality-unknown-key', () => {
  const pasted = info({ P: BASE + USB_INTERFACE + K('kOSBundleDextUniqueIdentifier', '<string>com.example.driver-1</string>') });
  const list = only(pasted, 'system-added-key');
  assert.equal(list.length, 1);
  assert.match(list[0]!.message, /^kOSBundleDextUniqueIdentifier is added by the system/);
  assert.deepEqual(only(pasted, 'personality-unknown-key'), []);
});

test('pci-tunnel-compatible: information when absent, warning when <false/>; the fixes are not applied by --fix', () => {
  const absent = info({ P: BASE + PCI.replace(K('IOPCITunnelCompatible', '<true/>'), '') });
  const d = only(absent, 'pci-tunnel-compatible')[0]!;
  assert.equal(d.severity, 'information');
  assert.ok(!d.fixes[0]!.isPreferred);
  assertFixClears(absent, 'pci-tunnel-compatible');
  const off = info({ P: BASE + PCI.replace('<true/>', '<false/>') });
  assert.equal(only(off, 'pci-tunnel-compatible')[0]!.severity, 'warning');
  assert.match(assertFixClears(off, 'pci-tunnel-compatible'), /<key>IOPCITunnelCompatible<\/key>\n\t\t\t<true\/>/);
  assert.deepEqual(only(info({ P: BASE + USB_INTERFACE }), 'pci-tunnel-compatible'), []);
});

test('one-process-false: <false/> still shares; sharing across organizations', () => {
  const off = info({ P: BASE + USB_INTERFACE + K('IOUserServerOneProcess', '<false/>') });
  const d = only(off, 'one-process-false')[0]!;
  assert.match(d.message, /the kernel only checks that the key exists: process sharing is ON/);
  assert.ok(!assertFixClears(off, 'one-process-false').includes('IOUserServerOneProcess'));
  const share = (server: string, bundle = 'com.example.driver', extra: Record<string, string> = {}) =>
    only(info({ P: BASE.replace('<string>com.example.driver</string>', `<string>${bundle}</string>`).replace(K('IOUserServerName', '<string>com.example.driver</string>'), K('IOUserServerName', `<string>${server}</string>`)) + USB_INTERFACE + K('IOUserServerOneProcess', '<true/>') }), 'one-process-false', extra);
  assert.deepEqual(share('com.example.driver'), []);
  assert.deepEqual(share('com.example.other'), [], 'same organization');
  assert.match(share('org.other.driver')[0]!.message, /IOUserServerName 'org\.other\.driver', which does not start with 'com\.example\.' \(the bundle id 'com\.example\.driver' up to its second dot\): the kernel logs "not correct organization" and skips sharing/);
  // The kernel's rule is a prefix up to and including the second dot: 'com.example' alone fails, and so does a bundle id with one dot.
  assert.equal(share('com.example').length, 1, 'no second dot in the server name');
  assert.match(share('com.example.x', 'com.example')[0]!.message, /the bundle id 'com\.example' has fewer than two dots/);
  assert.deepEqual(share('$(PRODUCT_BUNDLE_IDENTIFIER)', '$(PRODUCT_BUNDLE_IDENTIFIER)'), [], 'the same variable');
  assert.deepEqual(share('org.other.driver', '$(PRODUCT_BUNDLE_IDENTIFIER)'), [], 'unresolved: silent');
  assert.equal(share('org.other.driver', '$(PRODUCT_BUNDLE_IDENTIFIER)', project('com.example.driver')).length, 1, 'resolved through the target');
});

test('usb-probe-score: only in USB personalities', () => {
  const usb = info({ P: BASE + USB_INTERFACE + K('IOProbeScore', '<integer>1000</integer>') });
  assert.ok(!assertFixClears(usb, 'usb-probe-score').includes('IOProbeScore'));
  assert.deepEqual(only(info({ P: BASE + PCI + K('IOProbeScore', '<integer>65530</integer>') }), 'usb-probe-score'), []);
});

test('system-added-key: the three keys the system adds, wherever they are written', () => {
  const text = info({ P: BASE + USB_INTERFACE + K('IOUserServerCDHash', '<string>3f5c</string>') + K('IOPersonalityPublisher', '<string>com.example.driver</string>') }, USAGE + '\t<key>OSBundleDextUniqueIdentifier</key>\n\t<data>AAEC</data>\n');
  assert.deepEqual(only(text, 'system-added-key').map((d) => d.message.split(' ')[0]), ['OSBundleDextUniqueIdentifier', 'IOUserServerCDHash', 'IOPersonalityPublisher']);
  assert.ok(!assertFixClears(text, 'system-added-key').includes('OSBundleDextUniqueIdentifier'));
});

test('dext-no-personalities: a driverkit target without DriverKit personalities; other plists are not dexts', () => {
  const empty = `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${USAGE}</dict>\n</plist>\n`;
  assert.deepEqual(codes(empty, project()), ['dext-no-personalities']);
  assert.deepEqual(codes(empty), [], 'no target says it is a dext');
  const kextOnly = info({ Kext: K('IOClass', '<string>com_example_Kext</string>') + K('IOProviderClass', '<string>IOUSBHostDevice</string>') });
  assert.match(check(kextOnly, project())[0]!.message, /holds no DriverKit personality/);
});
