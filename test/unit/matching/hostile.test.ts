// Hostile dumps: deep nesting, many entries, junk values. Read and matched without a crash or a
// quadratic blow-up (no timing asserted: the sizes would take minutes if anything were quadratic).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readRegistryDump } from '../../../server/src/matching/dump';
import { match } from './helpers';

test('a dump nested 50,000 levels deep reads, matches, and prints the deepest path', () => {
  const depth = 50_000;
  const open = '<dict><key>IOObjectClass</key><string>IOUSBHostDevice</string><key>IORegistryEntryName</key><string>d</string><key>idVendor</key><integer>1</integer><key>idProduct</key><integer>2</integer><key>IORegistryEntryChildren</key><array>';
  const xml = `<plist version="1.0"><array>${open.repeat(depth)}${'</array></dict>'.repeat(depth)}</array></plist>`;
  const read = readRegistryDump(xml);
  assert.ok(read.ok, read.ok ? '' : read.error);
  assert.equal(read.dump.entries.length, depth);
  const deepest = read.dump.entries[depth - 1]!;
  assert.equal(deepest.path.split('/').length, depth + 2); // 'IOService:', '…', then one segment per level
  const v = match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 1, idProduct: 3 }, read.dump);
  assert.equal(v.status, 'no-match');
  assert.equal(v.closest!.differences[0]!.key, 'idProduct');
});

test('junk property types never throw: strings for integers, data for strings, missing classes', () => {
  const xml = `<plist version="1.0"><array>
    <dict><key>IOObjectClass</key><string>IOUSBHostDevice</string><key>idVendor</key><string>0x2e8a</string><key>idProduct</key><data>AAE=</data></dict>
    <dict><key>IORegistryEntryName</key><string>no class</string><key>IORegistryEntryChildren</key><string>not an array</string></dict>
    <dict><key>IOObjectClass</key><string>IOPCIDevice</string><key>vendor-id</key><string>8086</string><key>compatible</key><integer>3</integer></dict>
  </array></plist>`;
  const read = readRegistryDump(xml);
  assert.ok(read.ok);
  assert.equal(match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 0x2e8a, idProduct: 1 }, read.dump).status, 'no-match');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IOPCIPrimaryMatch: '0x00008086&0x0000ffff' }, read.dump).status, 'undetermined');
  assert.equal(match({ IOProviderClass: 'IOPCIDevice', IONameMatch: 'x', IOPropertyMatch: 'not a dict' }, read.dump).status, 'no-match');
  assert.equal(match({ IOProviderClass: 'IOUSBHostDevice', idVendor: 'abc', idProduct: [1] }, read.dump).status, 'undetermined');
});
