// The two matching rules and hover, through the workspace: silent without a dump; on the key to
// change with one; build variables resolved through the Xcode target; dumps never taken for an
// Info.plist.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { setActiveDumps } from '../../../server/src/matching';
import { getLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/workspace/uri';
import { diagnosticsOf, repoRoot, workspaceFromFiles, workspaceFromFolder } from '../../helpers/workspace';
import { fixtureDump } from './helpers';

const sensorKit = join(repoRoot, 'examples/SensorKit');
const infoPlist = join(sensorKit, 'SensorDriver/Info.plist');
const matchingCodes = (path: string, ws: ReturnType<typeof workspaceFromFolder>) =>
  diagnosticsOf(ws, path).filter((d) => d.code.startsWith('personality-match') || d.code === 'personality-no-match');

test('no dump loaded: neither rule reports', () => {
  assert.deepEqual(matchingCodes(infoPlist, workspaceFromFolder(sensorKit)), []);
});

test('personality-no-match fires on examples/SensorKit (no complete row) and sits on IOProviderClass', () => {
  const ws = workspaceFromFolder(sensorKit);
  setActiveDumps(ws, [{ source: 'usb-devices.ioreg.xml', dump: fixtureDump('usb-devices.ioreg.xml') }]);
  const found = matchingCodes(infoPlist, ws);
  assert.deepEqual(found.map((d) => [d.code, d.severity]), [['personality-no-match', 'warning']]);
  const line = ws.get(pathToUri(infoPlist))!.text.split('\n')[found[0]!.range.start.line]!;
  assert.match(line, /<key>IOProviderClass<\/key>/);
  assert.match(found[0]!.message, /\(dump: usb-devices\.ioreg\.xml\)$/);
});

const INFO = (keys: string) => `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>IOKitPersonalities</key>
	<dict>
		<key>Board</key>
		<dict>
			<key>CFBundleIdentifier</key>
			<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>
			<key>IOClass</key>
			<string>IOUserService</string>
			<key>IOUserClass</key>
			<string>Board</string>
			<key>IOUserServerName</key>
			<string>com.example.board</string>
			<key>IOProviderClass</key>
			<string>IOUSBHostInterface</string>
${keys}
		</dict>
	</dict>
</dict>
</plist>
`;

test('personality-no-match sits on the differing key and names both values; personality-matches does not fire then', () => {
  const path = '/ws/Board/Info.plist';
  const ws = workspaceFromFiles({ [path]: INFO('\t\t\t<key>idVendor</key>\n\t\t\t<integer>0x2e8a</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>0x5740</integer>\n\t\t\t<key>bInterfaceNumber</key>\n\t\t\t<integer>2</integer>\n\t\t\t<key>bConfigurationValue</key>\n\t\t\t<integer>1</integer>') });
  setActiveDumps(ws, [{ source: 'dump', dump: fixtureDump('usb-devices.ioreg.xml') }]);
  const found = matchingCodes(path, ws);
  assert.deepEqual(found.map((d) => d.code), ['personality-no-match']);
  assert.equal(ws.get(pathToUri(path))!.text.split('\n')[found[0]!.range.start.line]!.trim(), '<key>idProduct</key>');
  assert.match(found[0]!.message, /idProduct 0x5740 \(22336\) ≠ 0x5741 \(22337\) in the dump \(Raspberry Pi 'Board CDC' at IOService:\/…\/Board CDC@01100000\/Reset@2\)/);
});

test('personality-matches fires when it matches; personality-no-match does not', () => {
  const path = '/ws/Board/Info.plist';
  const ws = workspaceFromFiles({ [path]: INFO('\t\t\t<key>bInterfaceClass</key>\n\t\t\t<integer>2</integer>\n\t\t\t<key>bInterfaceSubClass</key>\n\t\t\t<integer>2</integer>') });
  setActiveDumps(ws, [{ source: 'dump', dump: fixtureDump('usb-devices.ioreg.xml') }]);
  const found = matchingCodes(path, ws);
  assert.deepEqual(found.map((d) => [d.code, d.severity]), [['personality-matches', 'information']]);
  assert.match(found[0]!.message, /row bInterfaceClass \+ bInterfaceSubClass, probe score 50000\. AppleUSBACMControl \(com\.apple\.driver\.usb\.cdc\.acm\) already holds this entry with probe score 60000/);
});

test('an unresolved build variable: undecided (information), never personality-no-match', () => {
  const path = '/ws/Board/Info.plist';
  const ws = workspaceFromFiles({ [path]: INFO('\t\t\t<key>idVendor</key>\n\t\t\t<integer>0x2e8a</integer>\n\t\t\t<key>bInterfaceNumber</key>\n\t\t\t<integer>2</integer>\n\t\t\t<key>IOPCIPrimaryMatch</key>\n\t\t\t<string>$(PCI_MATCH)</string>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>0x5741</integer>\n\t\t\t<key>bConfigurationValue</key>\n\t\t\t<integer>1</integer>') });
  setActiveDumps(ws, [{ source: 'dump', dump: fixtureDump('usb-devices.ioreg.xml') }]);
  const found = matchingCodes(path, ws);
  assert.deepEqual(found.map((d) => d.code), ['personality-matches']);
  assert.match(found[0]!.message, /cannot be decided .*IOPCIPrimaryMatch is a build variable the project does not resolve/);
});

test('hover on a matching key shows what the dump has there', () => {
  const path = '/ws/Board/Info.plist';
  const text = INFO('\t\t\t<key>idVendor</key>\n\t\t\t<integer>0x2e8a</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>0x5740</integer>\n\t\t\t<key>bInterfaceNumber</key>\n\t\t\t<integer>2</integer>\n\t\t\t<key>bConfigurationValue</key>\n\t\t\t<integer>1</integer>');
  const ws = workspaceFromFiles({ [path]: text });
  const service = getLanguageService(ws);
  const offset = text.indexOf('0x5740') + 2;
  const position = ws.get(pathToUri(path))!.document.positionAt(offset);
  assert.doesNotMatch(service.doHover(pathToUri(path), position)?.contents ?? '', /registry dumps/);
  service.setMatchingDumps([{ source: 'device.ioreg', dump: fixtureDump('usb-devices.ioreg.xml') }]);
  const hover = service.doHover(pathToUri(path), position)!.contents;
  assert.match(hover, /\*\*In the loaded registry dumps\*\*/);
  assert.match(hover, /\*\*device\.ioreg\*\* \(closest\): Raspberry Pi 'Board CDC' at IOService:\/…\/Board CDC@01100000\/Reset@2 has idProduct 0x5741 \(22337\) — idProduct 0x5740/);
});

test('hover on an IOPCIMatch term shows the PCI ids of the entry (register 0x00 as the kernel reads it)', () => {
  const path = '/ws/Board/Info.plist';
  const text = INFO('\t\t\t<key>IOPCIPrimaryMatch</key>\n\t\t\t<string>0x15f48086</string>').replace('IOUSBHostInterface', 'IOPCIDevice');
  const ws = workspaceFromFiles({ [path]: text });
  const service = getLanguageService(ws);
  const position = ws.get(pathToUri(path))!.document.positionAt(text.indexOf('0x15f48086') + 2);
  service.setMatchingDumps([{ source: 'pci.ioreg', dump: fixtureDump('pci-devices.ioreg.xml') }]);
  const hover = service.doHover(pathToUri(path), position)!.contents;
  assert.match(hover, /\*\*pci\.ioreg\*\* \(closest\): 'ethernet' at IOService:\/…\/ethernet@0 has vendor 0x8086, device 0x15f3 \(register 0x00 = 0x15f38086\); subsystem vendor 0x8086, subsystem 0x0000; class code 0x020000 — IOPCIPrimaryMatch '0x15f48086' matches none/);
});

test('a registry dump named .plist is a plain plist, never a dext Info.plist', () => {
  const dump = `<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict><key>IOObjectClass</key><string>IORegistryEntry</string><key>IORegistryEntryName</key><string>Root</string><key>CFBundlePackageType</key><string>DEXT</string><key>IORegistryEntryChildren</key><array/></dict></plist>`;
  const ws = workspaceFromFiles({ '/ws/mac.plist': dump });
  assert.equal(ws.kindOf(ws.get(pathToUri('/ws/mac.plist'))!), 'plist');
});
