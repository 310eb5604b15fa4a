// USB matching (Apple QA1076): rows per provider, wildcards, idProductMask, idProductArray, the
// interface / device split, vendor-specific rows, system drivers already attached.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differences, fixtureDump, match } from './helpers';

const usb = fixtureDump('usb-devices.ioreg.xml');
const RP = { idVendor: 0x2e8a, idProduct: 0x5741 };

test('interface row idVendor+idProduct+bInterfaceNumber+bConfigurationValue matches the interface', () => {
  const v = match({ IOProviderClass: 'IOUSBHostInterface', ...RP, bInterfaceNumber: 2, bConfigurationValue: 1 }, usb);
  assert.equal(v.status, 'matched');
  assert.equal(v.matches.length, 1);
  assert.equal(v.matches[0]!.entry.path, 'IOService:/…/Board CDC@01100000/Reset@2');
  assert.deepEqual(v.matches[0]!.row, ['idVendor', 'idProduct', 'bInterfaceNumber', 'bConfigurationValue']);
  // The row's probe score (QA1076 / IOUSBFamily: 90000 for this row; 100000 with bcdDevice).
  assert.equal(v.matches[0]!.score, 90000);
  assert.equal(match({ IOProviderClass: 'IOUSBHostInterface', ...RP, bInterfaceNumber: 2, bConfigurationValue: 1, bcdDevice: 0x0100 }, usb).matches[0]!.score, 100000);
  assert.deepEqual(v.claimedBy, []);
});

test('a wrong idProduct: no match, the closest interface and the one key, in hex and decimal', () => {
  const v = match({ IOProviderClass: 'IOUSBHostInterface', idVendor: 0x2e8a, idProduct: 0x5740, bInterfaceNumber: 2, bConfigurationValue: 1 }, usb);
  assert.equal(v.status, 'no-match');
  assert.equal(v.closest!.entry.path, 'IOService:/…/Board CDC@01100000/Reset@2');
  assert.deepEqual(differences(v), ["idProduct: idProduct 0x5740 (22336) ≠ 0x5741 (22337) in the dump (Raspberry Pi 'Board CDC' at IOService:/…/Board CDC@01100000/Reset@2)"]);
});

test('device row idVendor+idProduct(+bcdDevice) on IOUSBHostDevice; bcdDevice differs', () => {
  assert.equal(match({ IOProviderClass: 'IOUSBHostDevice', ...RP }, usb).status, 'matched');
  const v = match({ IOProviderClass: 'IOUSBHostDevice', ...RP, bcdDevice: 0x0200 }, usb);
  assert.equal(v.status, 'no-match');
  assert.deepEqual(v.closest!.differences.map((d) => [d.key, d.expected, d.actual]), [['bcdDevice', 0x200, 0x100]]);
});

test('only the most specific complete row counts: a wrong idProduct is not rescued by the class row the same personality completes', () => {
  // Interface 0 of the board is CDC control (class 2/2): the class row alone would match it.
  const v = match({ IOProviderClass: 'IOUSBHostInterface', idVendor: 0x2e8a, idProduct: 0x5740, bInterfaceNumber: 0, bConfigurationValue: 1, bInterfaceClass: 2, bInterfaceSubClass: 2 }, usb);
  assert.equal(v.status, 'no-match');
  assert.equal(v.closest!.entry.path, 'IOService:/…/Board CDC@01100000/Board CDC@0');
  assert.deepEqual(v.closest!.differences.map((d) => [d.key, d.expected, d.actual]), [['idProduct', 0x5740, 0x5741]]);
  assert.deepEqual(v.closest!.row, ['idVendor', 'idProduct', 'bInterfaceNumber', 'bConfigurationValue']);
  // With the right product id it matches through that row, its class keys compared too.
  const hit = match({ IOProviderClass: 'IOUSBHostInterface', idVendor: 0x2e8a, idProduct: 0x5741, bInterfaceNumber: 0, bConfigurationValue: 1, bInterfaceClass: 2, bInterfaceSubClass: 2 }, usb);
  assert.equal(hit.status, 'matched');
  assert.deepEqual(hit.matches[0]!.row, ['idVendor', 'idProduct', 'bInterfaceNumber', 'bConfigurationValue']);
});

test('keys of the personality outside its row must match too: a class key beside the product row', () => {
  const v = match({ IOProviderClass: 'IOUSBHostInterface', idVendor: 0x2e8a, idProduct: 0x5741, bInterfaceNumber: 2, bConfigurationValue: 1, bInterfaceClass: 3 }, usb);
  assert.equal(v.status, 'no-match');
  assert.equal(v.closest!.entry.path, 'IOService:/…/Board CDC@01100000/Reset@2');
  assert.deepEqual(differences(v), ["bInterfaceClass: bInterfaceClass 0x0003 (3) ≠ 0x00ff (255) in the dump (Raspberry Pi 'Board CDC' at IOService:/…/Board CDC@01100000/Reset@2)"]);
  assert.equal(match({ IOProviderClass: 'IOUSBHostInterface', idVendor: 0x2e8a, idProduct: 0x5741, bInterfaceNumber: 2, bConfigurationValue: 1, bInterfaceClass: 255 }, usb).status, 'matched');
  // On a device: bDeviceClass beside idVendor + idProduct.
  assert.equal(match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 0x2e8a, idProduct: 0x5741, bDeviceClass: 0xef }, usb).status, 'matched');
  assert.deepEqual(match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 0x2e8a, idProduct: 0x5741, bDeviceClass: 0xff }, usb).closest!.differences.map((d) => d.key), ['bDeviceClass']);
});

test('the * wildcard matches any value and costs 1000 probe score (among the row\'s keys only)', () => {
  const v = match({ IOProviderClass: 'IOUSBHostInterface', idVendor: 0x2e8a, idProduct: '*', bInterfaceNumber: 2, bConfigurationValue: '*' }, usb);
  assert.equal(v.status, 'matched');
  assert.equal(v.matches[0]!.score, 88000);
  // A * in a key outside the row (bInterfaceClass beside the product row) matches but costs nothing.
  assert.equal(match({ IOProviderClass: 'IOUSBHostInterface', ...RP, bInterfaceNumber: 2, bConfigurationValue: 1, bInterfaceClass: '*' }, usb).matches[0]!.score, 90000);
});

test('IOProbeScore is added to the row\'s score (clamped to 9000 from 10000 up), before the wildcards', () => {
  const values = { IOProviderClass: 'IOUSBHostInterface', idVendor: 0x2e8a, idProduct: '*', bInterfaceNumber: 2, bConfigurationValue: 1 };
  assert.equal(match({ ...values, IOProbeScore: 5000 }, usb).matches[0]!.score, 94000);
  assert.equal(match(values, usb).matches[0]!.score, 89000);
  assert.equal(match({ ...values, IOProbeScore: 20000 }, usb).matches[0]!.score, 98000);
  // Through the full evaluation too (a key the USB shortlist does not decide alone).
  assert.equal(match({ ...values, IOProbeScore: 5000, IOPropertyMatch: { bInterfaceClass: 255 } }, usb).matches[0]!.score, 94000);
  // Not a USB provider: IOProbeScore as it is.
  const pci = fixtureDump('pci-devices.ioreg.xml');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x15f38086', IOProbeScore: 20000 }, pci).matches[0]!.score, 20000);
});

test('idProductMask compares the masked product id', () => {
  const hit = match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 0x2e8a, idProduct: 0x5700, idProductMask: 0xff00 }, usb);
  assert.equal(hit.status, 'matched');
  // Matched only under the mask: 500 less than the row's 90000; an exact idProduct costs nothing.
  assert.equal(hit.matches[0]!.score, 89500);
  assert.equal(match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 0x2e8a, idProduct: 0x5741, idProductMask: 0xff00 }, usb).matches[0]!.score, 90000);
  assert.equal(match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 0x2e8a, idProduct: 0x5700, idProductMask: 0xff00, IONameMatch: 'Board CDC' }, usb).matches[0]!.score, 89500);
  const miss = match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 0x2e8a, idProduct: 0x5800, idProductMask: 0xff00 }, usb);
  assert.equal(miss.status, 'no-match');
  assert.match(differences(miss)[0]!, /idProduct 0x5800 under idProductMask 0xff00 ≠ 0x5741/);
});

test('idProductArray stands in for idProduct', () => {
  assert.equal(match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 0x2e8a, idProductArray: [0x0003, 0x5741] }, usb).status, 'matched');
  const miss = match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 0x2e8a, idProductArray: [0x0003, 0x0004] }, usb);
  assert.equal(miss.status, 'no-match');
  assert.equal(miss.closest!.differences[0]!.key, 'idProductArray');
});

test('interface class row; a class driver already holds the interface (AppleUSBACMControl, score 60000)', () => {
  const v = match({ IOProviderClass: 'IOUSBHostInterface', bInterfaceClass: 2, bInterfaceSubClass: 2 }, usb);
  assert.equal(v.status, 'matched');
  assert.deepEqual(v.matches[0]!.row, ['bInterfaceClass', 'bInterfaceSubClass']);
  assert.deepEqual(v.claimedBy.map((c) => [c.className, c.score]), [['AppleUSBACMControl', 60000]]);
});

test('vendor-specific rows apply to interface class 0xff only', () => {
  assert.equal(match({ IOProviderClass: 'IOUSBHostInterface', idVendor: 0x04b4, bInterfaceSubClass: 0 }, usb).status, 'matched');
  const v = match({ IOProviderClass: 'IOUSBHostInterface', idVendor: 0x046d, bInterfaceSubClass: 1 }, usb);
  assert.equal(v.status, 'no-match');
  assert.equal(v.closest!.differences[0]!.key, 'bInterfaceClass');
  assert.match(v.closest!.differences[0]!.message, /vendor-specific bInterfaceClass 0xff only.*has bInterfaceClass 0x03/);
});

test('an incomplete row never matches: the missing key is named (examples/SensorKit)', () => {
  const v = match({ IOProviderClass: 'IOUSBHostInterface', idVendor: 0x5ac, idProduct: 4660 }, usb);
  assert.equal(v.status, 'no-match');
  assert.equal(v.closest!.entry.path, 'IOService:/…/SensorKit Sensor@01400000/SensorKit Sensor@0');
  assert.deepEqual(v.closest!.differences.map((d) => [d.key, d.expected, d.actual]), [['bInterfaceNumber', null, 0], ['bConfigurationValue', null, 1]]);
  assert.match(v.closest!.differences[0]!.message, /bInterfaceNumber is missing \(the dump has 0x0000 \(0\)\): without it the personality is in no complete QA1076 row/);
});

test('an unresolved build variable is "undetermined", never a mismatch', () => {
  const v = match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 0x2e8a, idProduct: '$(PRODUCT_ID)' }, usb, ['idProduct']);
  assert.equal(v.status, 'undetermined');
  assert.deepEqual(v.closest!.differences, []);
  assert.match(v.closest!.unknown[0]!.reason, /build variable/);
});

test('device keys of an interface personality are read from the parent device when the interface lacks them', () => {
  const dump = fixtureDump('usb-devices.ioreg.xml');
  const iface = dump.entries.find((e) => e.path.endsWith('FX3@0'))!;
  delete iface.props.idVendor;
  const v = match({ IOProviderClass: 'IOUSBHostInterface', idVendor: 0x04b4, idProduct: 0x00f3, bInterfaceNumber: 0, bConfigurationValue: 1 }, dump);
  assert.equal(v.status, 'matched');
});

test('system_profiler: devices only; interface keys cannot be checked, device keys still can', () => {
  const sp = fixtureDump('usb.system_profiler.xml');
  assert.equal(sp.format, 'system_profiler');
  assert.deepEqual(sp.entries.map((e) => [e.props.idVendor, e.props.idProduct, e.props.bcdDevice]), [[0x2e8a, 0x5741, 0x100], [0x05ac, 0x1234, 0x100], [0x046d, 0xc52b, 0x1211]]);
  assert.equal(match({ IOProviderClass: 'IOUSBHostDevice', ...RP }, sp).status, 'matched');
  const iface = match({ IOProviderClass: 'IOUSBHostInterface', ...RP, bInterfaceNumber: 2, bConfigurationValue: 1 }, sp);
  assert.equal(iface.status, 'undetermined');
  const wrong = match({ IOProviderClass: 'IOUSBHostInterface', idVendor: 0x2e8a, idProduct: 0x5740, bInterfaceNumber: 2, bConfigurationValue: 1 }, sp);
  assert.equal(wrong.status, 'no-match');
  assert.ok(wrong.notes.some((n) => /no interfaces/.test(n)));
});

test('the real public system_profiler dump (Mac OS X 10.7, chef/ohai): the lettered keys older versions print are read', () => {
  const real = fixtureDump('chef-ohai-macosx-10.7.system_profiler.xml');
  assert.equal(real.format, 'system_profiler');
  // `a_product_id`, `b_vendor_id` (`0x0424  (SMSC)`, `apple_vendor_id`), `c_bcd_device` (` b.b3`), `g_location_id` (`0xfa200000 / 3`).
  assert.deepEqual(real.entries.map((e) => [e.name, e.props.idVendor, e.props.idProduct, e.props.bcdDevice, e.props.locationID]), [
    ['FaceTime HD Camera (Built-in)', 0x05ac, 0x8509, 0x0516, 0xfa200000],
    ['hub_device', 0x0424, 0x2513, 0x0bb3, 0xfa100000],
    ['BRCM2070 Hub', 0x0a5c, 0x4500, 0x0100, 0xfa110000],
    ['Bluetooth USB Host Controller', 0x05ac, 0x821a, 0x0041, 0xfa113000],
    ['Apple Internal Keyboard / Trackpad', 0x05ac, 0x0252, 0x0118, 0xfa120000],
    ['hub_device', 0x0424, 0x2513, 0x0bb3, 0xfd100000],
    ['IR Receiver', 0x05ac, 0x8242, 0x0016, 0xfd110000],
  ]);
  const keyboard = match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 0x05ac, idProduct: 0x0252, bcdDevice: 0x0118 }, real);
  assert.equal(keyboard.status, 'matched');
  assert.equal(keyboard.matches[0]!.entry.path, 'SPUSBDataType:/EHCI Root Hub Simulation/hub_device/Apple Internal Keyboard / Trackpad');
  assert.deepEqual(keyboard.matches[0]!.row, ['idVendor', 'idProduct', 'bcdDevice']);
  const hub = match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 0x0424, idProduct: 0x2514 }, real);
  assert.equal(hub.status, 'no-match');
  assert.deepEqual(differences(hub), ["idProduct: idProduct 0x2514 (9492) ≠ 0x2513 (9491) in the dump ('hub_device' at SPUSBDataType:/EHCI Root Hub Simulation/hub_device)"]);
});

test('a binary dump (ioreg -a | plutil -convert binary1) reads and matches like the XML one', async () => {
  const { encodeBinaryPlist } = await import('../../helpers/bplist');
  const { readRegistryDump } = await import('../../../server/src/matching/dump');
  const bytes = encodeBinaryPlist([
    { IOObjectClass: 'IOUSBHostDevice', IORegistryEntryName: 'Board CDC', idVendor: 0x2e8a, idProduct: 0x5741, locationID: 0x01100000, IORegistryEntryChildren: [
      { IOObjectClass: 'IOUSBHostInterface', IORegistryEntryName: 'Reset', bInterfaceNumber: 2, bConfigurationValue: 1, bInterfaceClass: 255, idVendor: 0x2e8a, idProduct: 0x5741 },
    ] },
  ]);
  const read = readRegistryDump(bytes);
  assert.ok(read.ok);
  assert.deepEqual(read.dump.entries.map((e) => e.path), ['IOService:/…/Board CDC@01100000', 'IOService:/…/Board CDC@01100000/Reset']);
  assert.equal(match({ IOProviderClass: 'IOUSBHostInterface', ...RP, bInterfaceNumber: 2, bConfigurationValue: 1 }, read.dump).status, 'matched');
});

test('competition: a system driver is named with its score; the dext itself is recognised by its bundle id', async () => {
  const { competitionNote, matchPersonality } = await import('../../../server/src/matching/match');
  const values = { IOProviderClass: 'IOUSBHostInterface', bInterfaceClass: 2, bInterfaceSubClass: 2 };
  const system = { name: 'Acm', values, unresolved: new Set<string>() };
  assert.match(competitionNote(matchPersonality(system, usb), system)!, /^AppleUSBACMControl \(com\.apple\.driver\.usb\.cdc\.acm\) already holds this entry with probe score 60000: .*built-in class driver/);
  const beside = { name: 'Acm', values: { ...values, IOMatchCategory: 'com.example.acm' }, unresolved: new Set<string>() };
  assert.match(competitionNote(matchPersonality(beside, usb), beside)!, /IOMatchCategory 'com\.example\.acm' lets the dext load beside it/);
  const ours = { name: 'Acm', values: { ...values, CFBundleIdentifier: 'com.apple.driver.usb.cdc.acm' }, unresolved: new Set<string>() };
  assert.match(competitionNote(matchPersonality(ours, usb), ours)!, /is this dext/);
  const free = { name: 'Reset', values: { IOProviderClass: 'IOUSBHostInterface', ...RP, bInterfaceNumber: 2, bConfigurationValue: 1 }, unresolved: new Set<string>() };
  assert.equal(competitionNote(matchPersonality(free, usb), free), undefined);
});
