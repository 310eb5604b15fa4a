// Editor features of the entitlements area, through the language service: hover on keys, idVendor
// and PCI match values (entitlements and Info.plist), completion of keys and values, and the
// "Add USB/PCI development configuration" code actions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/workspace/uri';
import { applyEdits, workspaceFromFiles } from '../../helpers/workspace';
import { dict, DRIVERKIT, plist } from './helpers';

const DEXT = '/f/Driver/Driver.entitlements';
const INFO = '/f/Driver/Info.plist';
const APP = '/f/App/App.entitlements';

const INFO_TEXT = dict(
  '<key>CFBundleIdentifier</key>\n<string>com.example.f.driver</string>',
  '<key>IOKitPersonalities</key>\n<dict>\n\t<key>Card</key>\n\t<dict>\n\t\t<key>IOProviderClass</key>\n\t\t<string>IOPCIDevice</string>\n\t\t<key>IOPCIPrimaryMatch</key>\n\t\t<string>0x00261011&amp;0xFFFFFFFF,0x00271011</string>\n\t\t<key>IOUserServerName</key>\n\t\t<string>com.example.f.driver</string>\n\t</dict>\n</dict>',
);

function service(files: Record<string, string>) {
  return getLanguageService(workspaceFromFiles(files));
}

/** The position of the first `marker` in `text` (plus `delta` characters). */
function at(text: string, marker: string, delta = 0) {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `marker ${marker}`);
  const before = text.slice(0, offset + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

test('hover on a known key: type, side and platforms, what it does, development vs approved, source', () => {
  const text = dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.usb</key>\n<array>\n\t<dict>\n\t\t<key>idVendor</key>\n\t\t<integer>0x5ac</integer>\n\t</dict>\n\t<dict>\n\t\t<key>idVendor</key>\n\t\t<string>*</string>\n\t</dict>\n</array>');
  const s = service({ [DEXT]: text });
  const hover = s.doHover(pathToUri(DEXT), at(text, 'transport.usb'))!;
  assert.match(hover.contents, /\*\*com\.apple\.developer\.driverkit\.transport\.usb\*\*/);
  assert.match(hover.contents, /\*Type:\* Array of USB match dicts · \*Belongs in:\* The dext \(macOS 10\.15\+, iPadOS 16\+\)/);
  assert.match(hover.contents, /\*Development:\* `idVendor` = `<string>\*<\/string>`/);
  assert.match(hover.contents, /\*Approved:\* `idVendor` = the \*\*integer\*\*/);
  assert.match(hover.contents, /\*Source:\* https:\/\/developer\.apple\.com\/documentation\/bundleresources\/entitlements\/com\.apple\.developer\.driverkit\.transport\.usb/);
  assert.deepEqual(hover.range.start, at(text, '<key>com.apple.developer.driverkit.transport.usb'));

  const vendor = s.doHover(pathToUri(DEXT), at(text, '0x5ac'))!;
  assert.match(vendor.contents, /\*\*idVendor\*\* 0x05ac \(1452\)/);
  const star = s.doHover(pathToUri(DEXT), at(text, '*</string>'))!;
  assert.match(star.contents, /development-only/);
});

test('hover on app keys and on keys that are not entitlements', () => {
  const text = dict('<key>com.apple.developer.driverkit.userclient-access</key>\n<array/>', '<key>com.apple.developer.system-extension.uninstall</key>\n<true/>', '<key>com.apple.security.files.user-selected.read-only</key>\n<true/>');
  const s = service({ [APP]: text });
  assert.match(s.doHover(pathToUri(APP), at(text, 'userclient-access'))!.contents, /The host app \(macOS 10\.15\+\)/);
  assert.match(s.doHover(pathToUri(APP), at(text, 'uninstall'))!.contents, /Not a documented entitlement/);
  assert.equal(s.doHover(pathToUri(APP), at(text, 'user-selected')), undefined);
});

test('hover on PCI match values: vendor and device of each term, in entitlements and in personalities', () => {
  const ents = dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.pci</key>\n<array>\n\t<dict>\n\t\t<key>IOPCIPrimaryMatch</key>\n\t\t<string>0x000010b5&amp;0x0000FFFF</string>\n\t</dict>\n</array>');
  const s = service({ [DEXT]: ents, [INFO]: INFO_TEXT });
  const h = s.doHover(pathToUri(DEXT), at(ents, '0x000010b5'))!;
  assert.match(h.contents, /vendor 0x10b5 \(4277\), any device/);
  const p = s.doHover(pathToUri(INFO), at(INFO_TEXT, '0x00261011'))!;
  assert.match(p.contents, /\*\*IOPCIPrimaryMatch\*\*: compares PCI config register 0x00/);
  assert.match(p.contents, /- `0x00261011&0xffffffff`: vendor 0x1011 \(4113\), device 0x0026 \(38\)/);
  assert.match(p.contents, /stops reading at `,`: everything after it is ignored/);
  // Personality keys are the personalities area's: one hover, not two.
  const key = s.doHover(pathToUri(INFO), at(INFO_TEXT, 'IOProviderClass'))!;
  assert.match(key.contents, /^\*\*IOProviderClass\*\* \(`string`\)/);
  assert.ok(!key.contents.includes('---'), 'a single hover');
});

test('completion of keys: those of this side, not present yet, inserted with a value skeleton', () => {
  const text = dict(DRIVERKIT, '');
  const s = service({ [DEXT]: text, [INFO]: INFO_TEXT });
  const position = at(text, '\t\n</dict>', 1);
  const items = s.doComplete(pathToUri(DEXT), position);
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('com.apple.developer.driverkit.transport.usb'));
  assert.ok(labels.includes('com.apple.developer.driverkit.family.hid.eventservice'));
  assert.ok(!labels.includes('com.apple.developer.driverkit'), 'already present');
  assert.ok(!labels.includes('com.apple.developer.driverkit.userclient-access'), 'app side');
  assert.ok(!labels.includes('com.apple.security.device.usb'), 'forbidden in a dext');
  assert.ok(!labels.includes('com.apple.developer.driverkit.family.hid.virtual.device'), 'defunct');
  const usb = items.find((i) => i.label === 'com.apple.developer.driverkit.transport.usb')!;
  assert.equal(usb.isSnippet, true);
  assert.equal(usb.insertText, '<key>com.apple.developer.driverkit.transport.usb</key>\n<array>\n\t<dict>\n\t\t<key>idVendor</key>\n\t\t${1:<string>*</string>}\n\t</dict>\n</array>');
  const hid = items.find((i) => i.label === 'com.apple.developer.driverkit.transport.hid')!;
  assert.equal(hid.insertText, '<key>com.apple.developer.driverkit.transport.hid</key>\n<${1|true,false|}/>');
  assert.match(hid.documentation!, /IOHIDInterface/);
});

test('completion on the app side offers app keys, with workspace dext ids for userclient-access', () => {
  const text = dict('<key>com.apple.security.app-sandbox</key>\n<true/>', '');
  const s = service({ [APP]: text, [INFO]: INFO_TEXT });
  const items = s.doComplete(pathToUri(APP), at(text, '\t\n</dict>', 1));
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('com.apple.developer.system-extension.install'));
  assert.ok(labels.includes('com.apple.developer.driverkit.communicates-with-drivers'));
  assert.ok(!labels.some((l) => l.includes('transport')), 'dext keys');
  const uca = items.find((i) => i.label === 'com.apple.developer.driverkit.userclient-access')!;
  assert.equal(uca.insertText, '<key>com.apple.developer.driverkit.userclient-access</key>\n<array>\n\t<string>${1:com.example.f.driver}</string>\n</array>');
});

test('completion inside a key replaces only the key text', () => {
  const text = dict(DRIVERKIT, '<key>com.apple.developer.driverkit.tr</key>\n<true/>');
  const s = service({ [DEXT]: text });
  const position = at(text, '.tr</key>', 3);
  const items = s.doComplete(pathToUri(DEXT), position);
  const hid = items.find((i) => i.label === 'com.apple.developer.driverkit.transport.hid')!;
  assert.equal(hid.insertText, 'com.apple.developer.driverkit.transport.hid');
  assert.deepEqual(hid.range, { start: at(text, 'com.apple.developer.driverkit.tr'), end: position });
  const fixed = applyEdits(text, [{ range: hid.range!, newText: hid.insertText }]);
  assert.ok(fixed.includes('<key>com.apple.developer.driverkit.transport.hid</key>'));
});

test('completion of values: booleans, idVendor, and dext ids inside userclient-access', () => {
  const boolText = dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.hid</key>\n');
  const s = service({ [DEXT]: boolText, [INFO]: INFO_TEXT });
  const bools = s.doComplete(pathToUri(DEXT), at(boolText, '</key>\n\t\n', 8));
  assert.deepEqual(bools.map((i) => i.label), ['<true/>', '<false/>']);

  const vendorText = dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.usb</key>\n<array>\n\t<dict>\n\t\t<key>idVendor</key>\n\t\t\n\t</dict>\n</array>');
  const s2 = service({ [DEXT]: vendorText });
  const vendors = s2.doComplete(pathToUri(DEXT), at(vendorText, '</key>\n\t\t\t\n', 10));
  assert.deepEqual(vendors.map((i) => i.label), ['<string>*</string>', '<integer>…</integer>']);

  const appText = dict('<key>com.apple.developer.driverkit.userclient-access</key>\n<array>\n\t<string>com.example.listed</string>\n\t\n</array>');
  const otherInfo = INFO_TEXT.replace(/com\.example\.f\.driver/g, 'com.example.listed');
  const s3 = service({ [APP]: appText, [INFO]: INFO_TEXT, '/f/Other/Info.plist': otherInfo });
  const ids = s3.doComplete(pathToUri(APP), at(appText, '</string>\n\t\t\n', 12));
  assert.deepEqual(ids.map((i) => [i.label, i.insertText]), [['com.example.f.driver', '<string>com.example.f.driver</string>']]);
  const inString = s3.doComplete(pathToUri(APP), at(appText, 'com.example.listed', 3));
  assert.deepEqual(inString.map((i) => i.insertText).sort(), ['com.example.f.driver', 'com.example.listed']);
});

const USB_SNIPPET = `<key>com.apple.developer.driverkit.transport.usb</key>
<array>
    <dict>
        <key>idVendor</key>
        <string>*</string>
    </dict>
</array>`;
const PCI_SNIPPET = `<key>com.apple.developer.driverkit.transport.pci</key>
<array>
    <dict>
        <key>IOPCIPrimaryMatch</key>
        <string>0xFFFFFFFF&amp;0x00000000</string>
    </dict>
</array>`;

const indented = (snippet: string, indent: string) => snippet.split('\n').map((l) => indent + l).join('\n');

function fourSpaces(...entries: string[]): string {
  return plist(`<dict>\n${entries.map((e) => indented(e, '    ')).join('\n')}\n</dict>`);
}

test('Add USB/PCI development configuration: driverkit.md §5 exactly, at the file’s indentation, never twice', () => {
  const text = fourSpaces(DRIVERKIT.replace('\n', '\n'));
  const s = service({ [DEXT]: text });
  const uri = pathToUri(DEXT);
  const whole = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
  const titles = () => s.doCodeActions(uri, whole).map((a) => a.title);
  assert.ok(titles().includes('Add USB development configuration'));
  assert.ok(titles().includes('Add PCI development configuration'));
  const usb = s.doCodeActions(uri, whole).find((a) => a.title === 'Add USB development configuration')!;
  const withUsb = applyEdits(text, usb.edits![uri]!);
  assert.ok(withUsb.includes(indented(USB_SNIPPET, '    ') + '\n</dict>'), withUsb);
  s.workspace.set(uri, withUsb, 2);
  assert.ok(!titles().includes('Add USB development configuration'), 'never duplicated');
  const pci = s.doCodeActions(uri, whole).find((a) => a.title === 'Add PCI development configuration')!;
  const withBoth = applyEdits(withUsb, pci.edits![uri]!);
  assert.ok(withBoth.includes(indented(USB_SNIPPET, '    ') + '\n' + indented(PCI_SNIPPET, '    ') + '\n</dict>'), withBoth);
  s.workspace.set(uri, withBoth, 3);
  assert.deepEqual(titles().filter((t) => t.startsWith('Add ')), []);
  assert.deepEqual(s.doValidation(uri).filter((d) => d.severity === 'error'), []);
});

test('development configuration next to approved values: the dict goes into the existing array', () => {
  const text = dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.usb</key>\n<array>\n\t<dict>\n\t\t<key>idVendor</key>\n\t\t<integer>1452</integer>\n\t</dict>\n</array>');
  const s = service({ [DEXT]: text });
  const uri = pathToUri(DEXT);
  const result = s.addDevelopmentConfiguration(uri, 'usb');
  assert.ok(result.edits, result.message);
  const fixed = applyEdits(text, result.edits[uri]!);
  assert.equal(fixed.split('transport.usb').length, 2, 'one key');
  assert.ok(fixed.includes('\t\t<integer>1452</integer>\n\t\t</dict>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<string>*</string>\n\t\t</dict>\n\t</array>'), fixed);
  s.workspace.set(uri, fixed, 2);
  assert.ok(s.addDevelopmentConfiguration(uri, 'usb').message);
});

test('the legacy <true/> is replaced by the development configuration; app entitlements get no such action', () => {
  const text = dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.pci</key>\n<true/>');
  const s = service({ [DEXT]: text, [APP]: dict('<key>com.apple.developer.system-extension.install</key>\n<true/>') });
  const uri = pathToUri(DEXT);
  const result = s.addDevelopmentConfiguration(uri, 'pci');
  const fixed = applyEdits(text, result.edits![uri]!);
  assert.ok(fixed.includes(indented(PCI_SNIPPET.replace(/ {4}/g, '\t'), '\t') + '\n</dict>'), fixed);
  assert.deepEqual(s.doCodeActions(pathToUri(APP), { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }).filter((a) => a.title.startsWith('Add ')), []);
});

test('completion of a key typed without its close tag completes the whole entry', () => {
  const text = dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.h');
  const s = service({ [DEXT]: text });
  const position = at(text, 'transport.h', 11);
  const hid = s.doComplete(pathToUri(DEXT), position).find((i) => i.label === 'com.apple.developer.driverkit.transport.hid')!;
  assert.equal(hid.isSnippet, true);
  assert.equal(hid.insertText, 'com.apple.developer.driverkit.transport.hid</key>\n<${1|true,false|}/>');
  assert.deepEqual(hid.range, { start: at(text, 'com.apple.developer.driverkit.transport.h'), end: position });
});
