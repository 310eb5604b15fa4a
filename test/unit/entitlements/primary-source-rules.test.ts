// The entitlement rules added from primary-sources.md §4 (xnu, IOPCIFamily): firing and clean
// cases, cross-file silence when the personalities are not known, and each quick fix applied.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToUri } from '../../../server/src/workspace/uri';
import { fixturePath, workspaceFromFiles, workspaceFromFolder } from '../../helpers/workspace';
import { info, K } from '../personalities/helpers';
import { applyFix, dict, DRIVERKIT, run, single, textOf } from './helpers';

const ALLOW_ANY = 'com.apple.developer.driverkit.allow-any-userclient-access';
const PCI_GRANT = '<key>com.apple.developer.driverkit.transport.pci</key>\n<array>\n\t<dict>\n\t\t<key>IOPCIPrimaryMatch</key>\n\t\t<string>0x000010b5&amp;0x0000FFFF</string>\n\t</dict>\n</array>';
const BRIDGE = '<key>com.apple.developer.driverkit.transport.pci.bridge</key>\n<true/>';

test('entitlement-false-still-grants: allow-any-userclient-access <false/> lets any app in; the fix removes the key', () => {
  const path = '/w/Driver/Driver.entitlements';
  const text = dict(DRIVERKIT, `<key>${ALLOW_ANY}</key>\n<false/>`);
  const ws = single(path, text);
  const [d, ...rest] = run(ws, path, 'entitlement-false-still-grants');
  assert.equal(rest.length, 0);
  assert.equal(d!.severity, 'warning');
  assert.equal(textOf(text, d!), `<key>${ALLOW_ANY}</key>\n\t<false/>`);
  assert.match(d!.message, /is <false\/>, but the macOS kernel only checks that the key exists: any app may open the dext's user clients/);
  assert.ok(!applyFix(ws, path, d!).includes(ALLOW_ANY));
  assert.deepEqual(run(single(path, dict(DRIVERKIT, `<key>${ALLOW_ANY}</key>\n<true/>`)), path, 'entitlement-false-still-grants'), [], '<true/> says what it does');
  // An audio dext needs it on (the Core Audio HAL connects): the preferred fix writes <true/> (the NumarkNS7 corpus case).
  const audio = dict(DRIVERKIT, `<key>${ALLOW_ANY}</key>\n<false/>`, '<key>com.apple.developer.driverkit.family.audio</key>\n<true/>');
  const audioWs = single(path, audio);
  const [a] = run(audioWs, path, 'entitlement-false-still-grants');
  assert.match(a!.message, /With 'com\.apple\.developer\.driverkit\.family\.audio' the dext needs it on: write <true\/>/);
  assert.deepEqual(a!.fixes.map((f) => [f.title, !!f.isPreferred]), [['Use <true/>', true], [`Remove '${ALLOW_ANY}'`, false]]);
  assert.match(applyFix(audioWs, path, a!), new RegExp(`<key>${ALLOW_ANY.replace(/\./g, '\\.')}</key>\n\t<true/>`));
  assert.deepEqual(run(single(path, dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.hid</key>\n<false/>')), path, 'entitlement-false-still-grants'), [], 'other keys are not listed as presence-only');
});

test('app-missing-userclient-access: a dext with allow-any-userclient-access <false/> still lets the app in (presence only)', () => {
  const driverDir = fixturePath('ent-usb-project', 'UsbDemoDriver');
  const app = fixturePath('ent-usb-project', 'UsbDemo', 'UsbDemo.entitlements');
  const ws = workspaceFromFolder(fixturePath('ent-usb-project'));
  assert.equal(run(ws, app, 'app-missing-userclient-access').length, 1);
  const uri = pathToUri(`${driverDir}/UsbDemoDriver.entitlements`);
  ws.set(uri, ws.get(uri)!.text.replace('<key>com.apple.developer.driverkit</key>', `<key>${ALLOW_ANY}</key>\n\t<false/>\n\t<key>com.apple.developer.driverkit</key>`), 5);
  assert.deepEqual(run(ws, app, 'app-missing-userclient-access'), []);
});

/** A dext folder with an Info.plist of one PCI personality and an entitlements file. */
function pciDext(personality: string, entitlements: string) {
  const infoPath = '/w/Bridge/Info.plist';
  const entPath = '/w/Bridge/Bridge.entitlements';
  const base = K('CFBundleIdentifier', '<string>com.example.bridge</string>') + K('IOClass', '<string>IOUserService</string>') + K('IOUserClass', '<string>Bridge</string>') + K('IOUserServerName', '<string>com.example.bridge</string>') + K('IOProviderClass', '<string>IOPCIDevice</string>') + K('IOPCITunnelCompatible', '<true/>');
  const ws = workspaceFromFiles({ [infoPath]: info({ Bridge: base + personality }), [entPath]: entitlements });
  return { ws, infoPath, entPath };
}

test('pci-bridge-entitlement-missing: a PCI-to-PCI bridge class match without transport.pci.bridge; the fix adds it', () => {
  const { ws, entPath, infoPath } = pciDext(K('IOPCIClassMatch', '<string>0x06040000</string>'), dict(DRIVERKIT, PCI_GRANT));
  const [d, ...rest] = run(ws, entPath, 'pci-bridge-entitlement-missing');
  assert.equal(rest.length, 0);
  assert.equal(d!.severity, 'warning');
  assert.match(d!.message, /'Bridge' matches PCI class 0x0604 \(PCI-to-PCI bridge\); IOPCIFamily requires 'com\.apple\.developer\.driverkit\.transport\.pci\.bridge'/);
  assert.equal(d!.related?.[0]?.uri, pathToUri(infoPath));
  assert.match(applyFix(ws, entPath, d!), /<key>com\.apple\.developer\.driverkit\.transport\.pci\.bridge<\/key>\n\t<true\/>\n<\/dict>/);
  // A mask that keeps the subclass, and the CardBus class.
  assert.equal(run(pciDext(K('IOPCIClassMatch', '<string>0x06040000&amp;0xFFFF0000</string>'), dict(DRIVERKIT, PCI_GRANT)).ws, entPath, 'pci-bridge-entitlement-missing').length, 1);
  assert.equal(run(pciDext(K('IOPCIClassMatch', '<string>0x02000000 0x06070000</string>'), dict(DRIVERKIT, PCI_GRANT)).ws, entPath, 'pci-bridge-entitlement-missing').length, 1);
});

test('pci-bridge-entitlement-missing: silent with the key, for non-bridge or open classes, without transport.pci, and without a known Info.plist', () => {
  const silent = (personality: string, entitlements: string, why: string) => {
    const { ws, entPath } = pciDext(personality, entitlements);
    assert.deepEqual(run(ws, entPath, 'pci-bridge-entitlement-missing'), [], why);
  };
  silent(K('IOPCIClassMatch', '<string>0x06040000</string>'), dict(DRIVERKIT, PCI_GRANT, BRIDGE), 'has the key');
  silent(K('IOPCIClassMatch', '<string>0x06000000&amp;0xFF000000</string>'), dict(DRIVERKIT, PCI_GRANT), 'any bridge subclass, host bridges included');
  silent(K('IOPCIClassMatch', '<string>0x02000000</string>'), dict(DRIVERKIT, PCI_GRANT), 'an Ethernet controller');
  silent(K('IOPCIPrimaryMatch', '<string>0x873310b5</string>'), dict(DRIVERKIT, PCI_GRANT), 'no class match: no signal');
  silent(K('IOPCIClassMatch', '<string>0x06040000</string>'), dict(DRIVERKIT), 'no transport.pci: dext-missing-transport reports');
  const entPath = '/w/Alone/Alone.entitlements';
  assert.deepEqual(run(single(entPath, dict(DRIVERKIT, PCI_GRANT)), entPath, 'pci-bridge-entitlement-missing'), []);
});
