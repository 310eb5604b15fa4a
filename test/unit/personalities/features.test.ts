// Hover, completion, definition, outline and "Add personality" for the dext Info.plist.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { personalityRules } from '../../../server/src/rules/personalities';
import { getLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/workspace/uri';
import { applyEdits, workspaceFromFiles } from '../../helpers/workspace';

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
		</dict>
	</dict>
</dict>
</plist>
`;
const path = '/f/Driver/Info.plist';
const uri = pathToUri(path);
const IIG = 'class SensorDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n};\n';

function service() {
  return getLanguageService(workspaceFromFiles({ [path]: INFO, '/f/Driver/SensorDriver.iig': IIG }));
}
const pos = (needle: string, delta = 2) => {
  const i = INFO.indexOf(needle) + delta;
  const before = INFO.slice(0, i).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
};

test('hover: keys by loading half, provider and kernel class values, IOUserClass with its .iig and chain', () => {
  const s = service();
  assert.match(s.doHover(uri, pos('<key>IOUserServerName', 6))!.contents, /dext loader/);
  assert.match(s.doHover(uri, pos('<key>idVendor', 6))!.contents, /\*\*kernel\*\*/);
  assert.match(s.doHover(uri, pos('IOUSBHostDevice</string>'))!.contents, /a whole USB device/);
  assert.match(s.doHover(uri, pos('IOUserService</string>'))!.contents, /kernel class of generic/);
  const cls = s.doHover(uri, pos('SensorDriver</string>'))!.contents;
  assert.match(cls, /SensorDriver\.iig/);
  assert.match(cls, /SensorDriver → IOService/);
});

test('completion: keys for the provider not yet present; class names for IOUserClass', () => {
  const s = service();
  const keys = s.doComplete(uri, pos('<key>idVendor', 0)).map((i) => i.label);
  assert.ok(keys.includes('bcdDevice') && keys.includes('IOProbeScore'));
  assert.ok(!keys.includes('idVendor'), 'present keys are not offered');
  assert.ok(!keys.includes('IOPCIMatch'), 'PCI keys are not offered on a USB personality');
  const classes = s.doComplete(uri, pos('SensorDriver</string>')).map((i) => i.label);
  assert.deepEqual(classes, ['SensorDriver']);
});

test('go to definition from IOUserClass; outline of personalities', () => {
  const s = service();
  const [def] = s.findDefinition(uri, pos('SensorDriver</string>'));
  assert.ok(def!.uri.endsWith('SensorDriver.iig'));
  assert.equal(def!.range.start.line, 0);
  const [outline] = s.findDocumentSymbols(uri);
  assert.equal(outline!.name, 'IOKitPersonalities');
  assert.deepEqual((outline!.children as { name: string; detail: string }[]).map((c) => [c.name, c.detail]), [['Sensor', 'IOUSBHostDevice · IOUserService · SensorDriver']]);
});

test('every "Add personality" template inserts a personality that validates clean', () => {
  const ids = new Set(personalityRules.map((r) => r.meta.id));
  const actions = service().doCodeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }).filter((a) => a.title.startsWith('Add personality'));
  assert.equal(actions.length, 5);
  for (const action of actions) {
    const text = applyEdits(INFO, action.edits![uri]!);
    const s = getLanguageService(workspaceFromFiles({ [path]: text, '/f/Driver/SensorDriver.iig': IIG }));
    const problems = s.doValidation(uri).filter((d) => ids.has(d.code) || d.code.startsWith('plist-'));
    assert.deepEqual(problems.map((d) => `${d.code}: ${d.message}`), [], action.title);
  }
});
