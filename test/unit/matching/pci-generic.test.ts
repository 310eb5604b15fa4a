// PCI matching against the little-endian config-space ids, tunnelling, and the generic IOService
// keys (IONameMatch, IOPropertyMatch, IOResourceMatch), HID usage keys, provider superclasses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readRegistryDump } from '../../../server/src/matching/dump';
import { differences, fixtureDump, inlineDump, le32, match } from './helpers';

const pci = fixtureDump('pci-devices.ioreg.xml');

test('IOPCIPrimaryMatch: device id high 16 bits, vendor low 16; masks; a miss names both registers', () => {
  const hit = match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x15f38086' }, pci);
  assert.equal(hit.status, 'matched');
  assert.equal(hit.matches[0]!.entry.path, 'IOService:/…/ethernet@0');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x00008086&0x0000ffff', IOPCITunnelCompatible: true }, pci).matches.length, 2);
  const miss = match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x15f48086' }, pci);
  assert.equal(miss.status, 'no-match');
  assert.equal(miss.closest!.entry.path, 'IOService:/…/ethernet@0');
  assert.match(differences(miss)[0]!, /IOPCIPrimaryMatch '0x15f48086' matches none of device\/vendor register 0x00 0x15f38086 \(vendor 0x8086, device 0x15f3\)/);
});

test('IOPCISecondaryMatch compares the subsystem ids; IOPCIMatch tries both registers', () => {
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCISecondaryMatch: '0x11001af4', IOPCITunnelCompatible: true }, pci).status, 'matched');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCISecondaryMatch: '0x10411af4', IOPCITunnelCompatible: true }, pci).status, 'no-match');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIMatch: '0x11001af4', IOPCITunnelCompatible: true }, pci).status, 'matched');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIMatch: '0x10411af4', IOPCITunnelCompatible: true }, pci).status, 'matched');
});

test('IOPCIClassMatch: class code << 8, revision excluded by the default mask', () => {
  const firewire = match({ IOProviderClass: 'IOPCIDevice', IOPCIClassMatch: '0x0c001000&0xffffff00' }, pci);
  assert.equal(firewire.status, 'matched');
  assert.equal(firewire.matches[0]!.entry.path, 'IOService:/…/firewire@2');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIClassMatch: '0x02000000&0xffff0000' }, pci).matches[0]!.entry.path, 'IOService:/…/ethernet@0');
  // Without a mask the default 0xffffff00 leaves out the revision byte (the FireWire function is revision 8);
  // a full mask compares it, as the kernel reads the whole register.
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIClassMatch: '0x0c001000' }, pci).matches[0]!.entry.path, 'IOService:/…/firewire@2');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIClassMatch: '0x0c001000&0xffffffff' }, pci).status, 'no-match');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIClassMatch: '0x0c001008&0xffffffff' }, pci).status, 'matched');
  const display = match({ IOProviderClass: 'IOPCIDevice', IOPCIClassMatch: '0x03000000&0xff000000' }, pci);
  assert.equal(display.status, 'no-match');
  assert.match(differences(display)[0]!, /class register 0x08/);
});

test('a tunnelled device (IOPCITunnelled on an ancestor) needs IOPCITunnelCompatible true', () => {
  const without = match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x10411af4' }, pci);
  assert.equal(without.status, 'no-match');
  assert.deepEqual(without.closest!.differences.map((d) => d.key), ['IOPCITunnelCompatible']);
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x10411af4', IOPCITunnelCompatible: false }, pci).status, 'no-match');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x10411af4', IOPCITunnelCompatible: true }, pci).status, 'matched');
  // Not tunnelled: the key is not needed.
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x15f38086' }, pci).status, 'matched');
});

test('IOPCITunnelled on the entry itself counts as on an ancestor', () => {
  const dump = inlineDump([{ IOObjectClass: 'IOPCIDevice', IORegistryEntryName: 'usb4-dock', IOPCITunnelled: true, 'vendor-id': le32(0x1af4), 'device-id': le32(0x1041) }]);
  assert.deepEqual(match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x10411af4' }, dump).closest!.differences.map((d) => d.key), ['IOPCITunnelCompatible']);
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x10411af4', IOPCITunnelCompatible: true }, dump).status, 'matched');
});

test('a PCI device already driven by a system driver is reported with its score', () => {
  const v = match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x15f38086' }, pci);
  assert.deepEqual(v.claimedBy.map((c) => [c.className, c.score]), [['AppleIntelI210Ethernet', 1000]]);
});

test('IONameMatch against IOName, name and the NUL-separated compatible list', () => {
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IONameMatch: 'pci8086,15f3' }, pci).status, 'matched');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IONameMatch: ['nothing', 'firewire'] }, pci).status, 'matched');
  const miss = match({ IOProviderClass: 'IOPCIDevice', IONameMatch: 'pci10de,1234' }, pci);
  assert.equal(miss.status, 'no-match');
  assert.match(differences(miss)[0]!, /IONameMatch 'pci10de,1234' is none of the names/);
});

test('IOPropertyMatch: a dict is a subset the entry must hold; an array is alternatives', () => {
  const dump = inlineDump([
    { IOObjectClass: 'IOUserService', IORegistryEntryName: 'VirtualHBA', 'HBA Kind': 'virtual', Ports: 4 },
  ]);
  assert.equal(match({ IOProviderClass: 'IOUserService', IOPropertyMatch: { 'HBA Kind': 'virtual' } }, dump).status, 'matched');
  assert.equal(match({ IOProviderClass: 'IOUserService', IOPropertyMatch: [{ 'HBA Kind': 'real' }, { Ports: 4 }] }, dump).status, 'matched');
  const miss = match({ IOProviderClass: 'IOUserService', IOPropertyMatch: { 'HBA Kind': 'virtual', Ports: 8 } }, dump);
  assert.equal(miss.status, 'no-match');
  assert.match(differences(miss)[0]!, /IOPropertyMatch wants Ports = 0x0008 \(8\); .* has 0x0004 \(4\)/);
});

test('IOResourceMatch: checked against IOResources when the dump shows it, else undetermined', () => {
  const withResources = inlineDump([
    { IOObjectClass: 'IOResources', IORegistryEntryName: 'IOResources', IOKit: 'IOKit', IORegistryEntryChildren: [{ IOObjectClass: 'IOUserResources', IORegistryEntryName: 'IOUserResources' }] },
  ]);
  assert.equal(match({ IOProviderClass: 'IOUserResources', IOResourceMatch: 'IOKit' }, withResources).status, 'matched');
  assert.equal(match({ IOProviderClass: 'IOUserResources', IOResourceMatch: 'IOBSD' }, withResources).status, 'no-match');
  const without = inlineDump([{ IOObjectClass: 'IOUserResources', IORegistryEntryName: 'IOUserResources' }]);
  assert.equal(match({ IOProviderClass: 'IOUserResources', IOResourceMatch: 'IOKit' }, without).status, 'undetermined');
});

test('IOProviderClass matches subclasses (IOUSBHostHIDDevice is an IOHIDDevice), not unrelated classes', () => {
  const usb = fixtureDump('usb-devices.ioreg.xml');
  const hid = match({ IOProviderClass: 'IOHIDDevice' }, usb);
  assert.equal(hid.status, 'matched');
  assert.equal(hid.matches[0]!.entry.className, 'IOUSBHostHIDDevice');
  const none = match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x15f38086' }, usb);
  assert.equal(none.status, 'no-match');
  assert.equal(none.closest, undefined);
  assert.match(none.notes[0]!, /no IOPCIDevice entry/);
});

test('HID usage keys on IOHIDInterface', () => {
  const usb = fixtureDump('usb-devices.ioreg.xml');
  assert.equal(match({ IOProviderClass: 'IOHIDInterface', PrimaryUsagePage: 1, PrimaryUsage: 6 }, usb).status, 'matched');
  assert.equal(match({ IOProviderClass: 'IOHIDInterface', DeviceUsagePairs: [{ DeviceUsagePage: 1, DeviceUsage: 6 }] }, usb).status, 'matched');
  const mouse = match({ IOProviderClass: 'IOHIDInterface', PrimaryUsagePage: 1, PrimaryUsage: 2 }, usb);
  assert.equal(mouse.status, 'no-match');
  assert.deepEqual(mouse.closest!.differences.map((d) => [d.key, d.expected, d.actual]), [['PrimaryUsage', 2, 6]]);
});

test('PCI ids read as little-endian data, whatever the byte count', () => {
  const dump = inlineDump([{ IOObjectClass: 'IOPCIDevice', IORegistryEntryName: 'x', 'vendor-id': le32(0x1234), 'device-id': Buffer.from([0x78, 0x56]) }]);
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x56781234' }, dump).status, 'matched');
});

test('system_profiler -xml SPPCIDataType: ids as text become the little-endian registers; no class code, no tunnelling', () => {
  const item = (name: string, ids: Record<string, string>) => `<dict><key>_name</key><string>${name}</string>${Object.entries(ids).map(([k, v]) => `<key>sppci_${k}</key><string>${v}</string>`).join('')}<key>sppci_slot_name</key><string>Thunderbolt@9,0,0</string></dict>`;
  const read = readRegistryDump(`<plist version="1.0"><array><dict><key>_dataType</key><string>SPPCIDataType</string><key>_items</key><array>${
    item('ethernet', { 'vendor-id': '0x8086', 'device-id': '0x15f3', 'subsystem-vendor-id': '0x8086', 'subsystem-id': '0x0000', 'revision-id': '0x0003' })
  }${item('pci1af4,1041', { 'vendor-id': '0x1af4', 'device-id': '0x1041' })}</array></dict></array></plist>`);
  assert.ok(read.ok);
  const dump = read.dump;
  assert.equal(dump.format, 'system_profiler');
  assert.deepEqual(dump.entries.map((e) => [e.className, e.path, (e.props['vendor-id'] as Buffer).toString('hex'), (e.props['device-id'] as Buffer).toString('hex')]), [
    ['IOPCIDevice', 'SPPCIDataType:/ethernet', '86800000', 'f3150000'],
    ['IOPCIDevice', 'SPPCIDataType:/pci1af4,1041', 'f41a0000', '41100000'],
  ]);
  assert.ok(dump.limitations.some((l) => /no class-code register, no tunnelling flag and no drivers/.test(l)));
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x15f38086' }, dump).status, 'matched');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCISecondaryMatch: '0x00008086' }, dump).status, 'matched');
  assert.deepEqual(differences(match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x15f48086' }, dump)).length, 1);
  // The class register is not in the dump: undecided, never a mismatch.
  const cls = match({ IOProviderClass: 'IOPCIDevice', IOPCIClassMatch: '0x02000000&0xffff0000' }, dump);
  assert.equal(cls.status, 'undetermined');
  assert.match(cls.closest!.unknown[0]!.reason, /no class register 0x08/);
});

test('the reader: not a dump, broken XML, binary plist; never throws', () => {
  assert.equal(readRegistryDump('<plist version="1.0"><dict><key>CFBundleIdentifier</key><string>x</string></dict></plist>').ok, false);
  const broken = readRegistryDump('<plist><array><dict><key>IOObjectClass</key>');
  assert.equal(broken.ok, false);
  assert.equal(readRegistryDump(new Uint8Array([0x62, 0x70, 0x6c, 0x69, 0x73, 0x74, 0x30, 0x30, 1, 2])).ok, false);
  assert.equal(readRegistryDump('').ok, false);
});

test('the real public dump (Apple AppleUSBSLCOM, viamrobotics/goutils) is read; it shows no nub to match', () => {
  const real = fixtureDump('viam-goutils-appleusbslcom.ioreg.xml');
  assert.deepEqual(real.entries.map((e) => e.className), ['IOUserSerial', 'IOSerialBSDClient']);
  const v = match({ IOProviderClass: 'IOUSBHostInterface', idVendor: 4292, idProduct: 60000, bInterfaceNumber: 0, bConfigurationValue: 1 }, real);
  assert.equal(v.status, 'no-match');
  assert.match(v.notes[0]!, /no IOUSBHostInterface entry/);
  // The dext's kernel object is the serial stream: the IOSerialBSDClient (IOProviderClass
  // IOSerialStreamSync) is attached to the IOUserSerial itself.
  assert.equal(match({ IOProviderClass: 'IOUserSerial' }, real).status, 'matched');
  const stream = match({ IOProviderClass: 'IOSerialStreamSync' }, real);
  assert.equal(stream.status, 'matched');
  assert.deepEqual(stream.matches.map((m) => m.entry.className), ['IOUserSerial']);
});
