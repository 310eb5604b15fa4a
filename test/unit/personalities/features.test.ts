// Hover, completion, definition, outline and "Add personality" for the dext Info.plist, through the
// language service as the editor calls it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/workspace/uri';
import { applyEdits, fixturePath, workspaceFromFiles, workspaceFromFolder } from '../../helpers/workspace';
import { personalityIds } from './helpers';

const INFO = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>OSBundleUsageDescription</key>
	<string>Drives the device.</string>
	<key>IOKitPersonalities</key>
	<dict>
		<key>Sensor</key>
		<dict>
			<key>IOProviderClass</key>
			<string>IOUSBHostDevice</string>
			<key>IOClass</key>
			<string>IOUserService</string>
			<key>IOUserClass</key>
			<string>SensorDriver</string>
			<key>IOUserServerName</key>
			<string>com.example.sensor</string>
			<key>CFBundleIdentifier</key>
			<string>com.example.sensor</string>
			<key>idVendor</key>
			<integer>1452</integer>
			<key>idProduct</key>
			<integer>1</integer>
			<key>UserClientProperties</key>
			<dict>
				<key>IOClass</key>
				<string>IOUserUserClient</string>
				<key>IOUserClass</key>
				<string>SensorUserClient</string>
			</dict>
		</dict>
	</dict>
</dict>
</plist>
`;
const path = '/f/Driver/Info.plist';
const uri = pathToUri(path);
const IIG = {
  '/f/Driver/SensorDriver.iig': 'class SensorDriver : public SensorBase\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n};\n',
  '/f/Driver/SensorBase.iig': 'class SensorBase : public IOService\n{\n};\n',
  '/f/Driver/SensorUserClient.iig': 'class SensorUserClient : public IOUserClient\n{\n};\n',
};

const service = (text = INFO, extra: Record<string, string> = IIG) => getLanguageService(workspaceFromFiles({ [path]: text, ...extra }));
/** The position `delta` characters into the `nth` occurrence of `needle`. */
const pos = (needle: string, delta = 2, text = INFO, nth = 0) => {
  let i = -1;
  for (let n = 0; n <= nth; n++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  const before = text.slice(0, i + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
};

test('hover: keys by loading half, top-level keys, the personality, provider and kernel classes, IOUserClass, USB values', () => {
  const s = service();
  assert.match(s.doHover(uri, pos('<key>IOUserServerName', 6))!.contents, /second half of loading/);
  assert.match(s.doHover(uri, pos('<key>idVendor', 6))!.contents, /USB matching key[\s\S]*\*\*kernel\*\* when matching/);
  assert.match(s.doHover(uri, pos('<key>OSBundleUsageDescription', 6))!.contents, /activation fails without it/);
  assert.match(s.doHover(uri, pos('<key>Sensor<', 6))!.contents, /Personality Sensor[\s\S]*match `IOUSBHostDevice` nubs, attach `IOUserService`/);
  assert.match(s.doHover(uri, pos('IOUSBHostDevice</string>'))!.contents, /A whole USB device/);
  assert.match(s.doHover(uri, pos('IOUserService</string>'))!.contents, /kernel class of generic \(IOService/);
  const cls = s.doHover(uri, pos('SensorDriver</string>'))!.contents;
  assert.match(cls, /declared in `SensorDriver\.iig` \(line 1\)/);
  assert.match(cls, /`SensorDriver` → `SensorBase` → `IOService`/);
  assert.match(cls, /Family of `IOService`/);
  assert.match(s.doHover(uri, pos('<integer>1452', 10))!.contents, /0x05ac \(1452\)/);
  assert.match(s.doHover(uri, pos('IOUserUserClient</string>'))!.contents, /user client/);
  const hid = INFO.replace('<string>IOUserService</string>', '<string>IOUserHIDEventService</string>');
  assert.match(service(hid).doHover(uri, pos('IOUserHIDEventService</string>', 2, hid))!.contents, /DriverKit \(dext-side\) class name, not a kernel class: the kernel class for this family is `AppleUserHIDEventService`/);
  const scsi = INFO.replace('<string>IOUserService</string>', '<string>IOUserSCSIParallelInterfaceController</string>');
  assert.match(service(scsi).doHover(uri, pos('IOUserSCSIParallelInterfaceController</string>', 2, scsi))!.contents, /com\.apple\.iokit\.IOSCSIParallelFamily[\s\S]*family\.scsicontroller/);
});

test('completion: keys for the provider, as snippets with a typed value; key names inside a <key>; UserClientProperties keys', () => {
  const s = service();
  const items = s.doComplete(uri, pos('<key>idVendor', 0));
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('bcdDevice') && labels.includes('IOProbeScore') && labels.includes('IOMatchCategory'));
  assert.ok(!labels.includes('idVendor') && !labels.includes('IOClass'), 'present keys are not offered');
  assert.ok(!labels.includes('IOPCIMatch') && !labels.includes('PrimaryUsage'), 'PCI and HID keys are not offered on a USB personality');
  const bcd = items.find((i) => i.label === 'bcdDevice')!;
  assert.equal(bcd.insertText, '<key>bcdDevice</key>\n<integer>${1:0}</integer>');
  assert.equal(bcd.isSnippet, true);
  assert.equal(items.find((i) => i.label === 'IOPCITunnelCompatible'), undefined);
  // Inside a key being typed: names only, replacing the key's text.
  const typing = INFO.replace('<key>idProduct</key>', '<key>bcd</key>');
  const inKey = service(typing).doComplete(uri, pos('<key>bcd', 7, typing));
  const bcdName = inKey.find((i) => i.label === 'bcdDevice')!;
  assert.equal(bcdName.insertText, 'bcdDevice');
  assert.ok(!bcdName.isSnippet);
  assert.deepEqual(bcdName.range, { start: pos('<key>bcd', 5, typing), end: pos('<key>bcd', 8, typing) }, 'replaces the key text');
  const uc = s.doComplete(uri, pos('<key>IOUserClass</key>\n\t\t\t\t<string>SensorUserClient', 0)).map((i) => i.label);
  assert.deepEqual(uc, ['IOServiceDEXTEntitlements']);
});

test('completion: IOProviderClass, IOClass (the family of the IOUserClass first), IOUserClass and IOUserServerName values', () => {
  const s = service();
  const providers = s.doComplete(uri, pos('IOUSBHostDevice</string>')).map((i) => i.label);
  assert.ok(['IOUSBHostDevice', 'IOUSBHostInterface', 'IOPCIDevice', 'IOHIDInterface', 'IOUserResources'].every((p) => providers.includes(p)));
  const hidIig = { '/f/Driver/SensorDriver.iig': 'class SensorDriver : public IOUserHIDEventService\n{\n};\n' };
  const kernel = service(INFO, hidIig).doComplete(uri, pos('IOUserService</string>'));
  const first = [...kernel].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))[0]!;
  assert.equal(first.label, 'AppleUserHIDEventService');
  assert.ok(kernel.some((i) => i.label === 'IOUserSCSIParallelInterfaceController'));
  assert.deepEqual(s.doComplete(uri, pos('SensorDriver</string>')).map((i) => i.label).sort(), ['SensorBase', 'SensorDriver', 'SensorUserClient']);
  assert.deepEqual(s.doComplete(uri, pos('com.example.sensor</string>')).map((i) => i.label), ['$(PRODUCT_BUNDLE_IDENTIFIER)']);
  assert.deepEqual(s.doComplete(uri, pos('IOUserUserClient</string>')).map((i) => i.label), ['IOUserUserClient']);
});

test('go to definition from IOUserClass and UserClientProperties.IOUserClass', () => {
  const s = service();
  const [def] = s.findDefinition(uri, pos('SensorDriver</string>'));
  assert.ok(def!.uri.endsWith('SensorDriver.iig'));
  assert.deepEqual(def!.range.start, { line: 0, character: 6 });
  const [uc] = s.findDefinition(uri, pos('SensorUserClient</string>'));
  assert.ok(uc!.uri.endsWith('SensorUserClient.iig'));
  assert.deepEqual(s.findDefinition(uri, pos('IOUSBHostDevice</string>')), []);
});

test('outline: top-level keys, personalities by name with provider, kernel class and dext class', () => {
  interface Symbol { name: string; detail?: string; children?: Symbol[] }
  const outline = service().findDocumentSymbols(uri) as Symbol[];
  assert.deepEqual(outline.map((s) => s.name), ['OSBundleUsageDescription', 'IOKitPersonalities']);
  const sensor = outline[1]!.children![0]!;
  assert.deepEqual([sensor.name, sensor.detail], ['Sensor', 'IOUSBHostDevice · IOUserService · SensorDriver']);
  assert.ok(sensor.children!.some((c) => c.name === 'UserClientProperties' && c.children!.length === 2));
});

function addPersonality(text: string, extra: Record<string, string>, at = pos('<key>IOKitPersonalities', 6, text)) {
  return getLanguageService(workspaceFromFiles({ [path]: text, ...extra })).doCodeActions(uri, { start: at, end: at }).filter((a) => a.title.startsWith('Add personality'));
}

function assertTemplatesValidate(text: string, extra: Record<string, string>, count = 5) {
  const actions = addPersonality(text, extra, text.includes('IOKitPersonalities') ? undefined : { line: 2, character: 0 });
  assert.equal(actions.length, count);
  for (const action of actions) {
    const fixed = applyEdits(text, action.edits![uri]!);
    const problems = getLanguageService(workspaceFromFiles({ [path]: fixed, ...extra })).doValidation(uri).filter((d) => personalityIds.has(d.code) || d.code.startsWith('plist-') || d.code === 'pci-match-syntax' || d.code === 'duplicate-key');
    assert.deepEqual(problems.map((d) => `${d.code}: ${d.message}`), [], `${action.title}\n${fixed}`);
  }
  return actions;
}

test('"Add personality": every template validates clean, with the dext’s classes and its user client', () => {
  const actions = assertTemplatesValidate(INFO, IIG);
  assert.deepEqual(actions.map((a) => a.title), [
    'Add personality: USB interface (SensorDriver)',
    'Add personality: USB device (SensorDriver)',
    'Add personality: PCI (SensorDriver)',
    'Add personality: HID event service (SensorDriver)',
    'Add personality: IOUserResources (SensorDriver)',
  ]);
  const usb = applyEdits(INFO, actions[0]!.edits![uri]!);
  assert.match(usb, /<key>SensorDriverUsbInterface<\/key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier<\/key>/);
  assert.match(usb, /<key>UserClientProperties<\/key>\n\t\t\t<dict>\n\t\t\t\t<key>IOClass<\/key>\n\t\t\t\t<string>IOUserUserClient<\/string>\n\t\t\t\t<key>IOUserClass<\/key>\n\t\t\t\t<string>SensorUserClient<\/string>/);
  // Family classes: the HID template uses the HID class and its kernel class; PCI the SCSI controller with its kext.
  const families = {
    '/f/Driver/SensorDriver.iig': 'class SensorDriver : public IOService\n{\n};\n',
    '/f/Driver/Keys.iig': 'class Keys : public IOUserHIDEventService\n{\n};\n',
    '/f/Driver/Hba.iig': 'class Hba : public IOUserSCSIParallelInterfaceController\n{\n};\n',
    '/f/Driver/SensorUserClient.iig': IIG['/f/Driver/SensorUserClient.iig']!,
  };
  const familyActions = assertTemplatesValidate(INFO, families);
  assert.equal(familyActions[3]!.title, 'Add personality: HID event service (Keys)');
  assert.match(applyEdits(INFO, familyActions[2]!.edits![uri]!), /<string>com\.apple\.iokit\.IOSCSIParallelFamily<\/string>\n\t\t\t<key>IOClass<\/key>\n\t\t\t<string>IOUserSCSIParallelInterfaceController<\/string>/);
  // No .iig: a placeholder class; no IOKitPersonalities yet: the dict is created.
  const bare = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>CFBundlePackageType</key>\n\t<string>DEXT</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>x</string>\n</dict>\n</plist>\n';
  const created = assertTemplatesValidate(bare, {});
  assert.match(applyEdits(bare, created[0]!.edits![uri]!), /\t<key>IOKitPersonalities<\/key>\n\t<dict>\n\t\t<key>MyDriverUsbInterface<\/key>\n\t\t<dict>/);
  // A second insertion gets a fresh name.
  const twice = applyEdits(usb, addPersonality(usb, IIG)[0]!.edits![uri]!);
  assert.match(twice, /<key>SensorDriverUsbInterface2<\/key>/);
  // Offered on IOKitPersonalities, not on every line of the file.
  assert.deepEqual(addPersonality(INFO, IIG, pos('<string>Drives')), []);
});

test('the features work on the fixture projects (a family class resolved through the SDK subclass)', () => {
  const folder = fixturePath('pers-clean');
  const ws = workspaceFromFolder(folder);
  const s = getLanguageService(ws);
  const hidUri = pathToUri(`${folder}/CleanHid/Info.plist`);
  const text = ws.get(hidUri)!.text;
  const hover = s.doHover(hidUri, pos('CleanKeyboard</string>', 2, text))!.contents;
  assert.match(hover, /`CleanKeyboard` → `IOUserHIDEventDriver`[\s\S]*derives from `IOUserHIDEventService`/);
});
