// The personality knowledge in schemas/ is consistent: every §7 family row is there in the shape
// other areas read, USB rows and templates only name known keys, and medium-confidence facts are
// marked verify.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSchema } from '../../../server/src/knowledge/load';
import { personalitySchema } from '../../../server/src/knowledge/personalities';
import { families } from '../../../server/src/knowledge/families';

test('families.jsonc: one row per family of driverkit.md §7, in the shared shape', () => {
  const rows = families();
  const superclasses = rows.map((f) => f.superclass);
  for (const name of ['IOService', 'IOUserSCSIParallelInterfaceController', 'IOUserBlockStorageDevice', 'IOUserHIDEventService', 'IOUserHIDDevice', 'IOUserUSBHostHIDDevice', 'IOUserNetworkEthernet', 'IOUserSerial', 'IOUserUSBSerial', 'IOUserAudioDriver', 'IOUserMIDIDriver', 'IOUserSCSIPeripheralDeviceType00', 'IOUserSCSIPeripheralDeviceType05', 'IOUserSCSIPeripheralDeviceType07']) {
    assert.ok(superclasses.includes(name), name);
  }
  assert.equal(new Set(superclasses).size, superclasses.length, 'one row per superclass');
  for (const f of rows) {
    for (const field of ['providers', 'entitlements', 'requiredOverrides', 'recommendedOverrides', 'nonexistentMethods', 'createdQueues', 'sdkQueues'] as const) assert.ok(Array.isArray(f[field]), `${f.superclass}.${field}`);
    assert.ok(['primary', 'observed', 'secondary'].includes(f.confidence), f.superclass);
    assert.equal(f.verify, f.confidence === 'secondary', `${f.superclass}: verify exactly when only secondary sources support it`);
    assert.ok(f.source.length > 5 && (f.note ?? '').length > 5, f.superclass);
    if (f.derivesFrom) assert.ok(superclasses.includes(f.derivesFrom), `${f.superclass} derives from a known family`);
  }
  const byName = new Map(rows.map((f) => [f.superclass, f]));
  assert.equal(byName.get('IOUserHIDEventService')!.ioClass, 'AppleUserHIDEventService');
  // Apple's IOUserUSBHostHIDDevice page and Apple's own HID dext: IOClass AppleUserHIDDevice, kext IOHIDFamily.
  assert.equal(byName.get('IOUserUSBHostHIDDevice')!.ioClass, 'AppleUserHIDDevice');
  for (const hid of ['IOUserHIDEventService', 'IOUserHIDDevice', 'IOUserUSBHostHIDDevice', 'IOUserHIDEventDriver']) assert.equal(byName.get(hid)!.kernelBundle, 'com.apple.iokit.IOHIDFamily', hid);
  for (const m of ['UserReportHBAHighestLogicalUnitNumber', 'UserDoesHBASupportSCSIParallelFeature']) assert.ok(byName.get('IOUserSCSIParallelInterfaceController')!.requiredOverrides.includes(m), m);
  assert.equal(byName.get('IOUserNetworkEthernet')!.kernelBundle, 'com.apple.iokit.IOSkywalkFamily');
  assert.deepEqual(byName.get('IOUserSCSIParallelInterfaceController')!.createdQueues, ['AuxiliaryQueue', 'InterruptQueue']);
  assert.deepEqual(byName.get('IOUserSCSIParallelInterfaceController')!.nonexistentMethods, ['UserStopController']);
  assert.deepEqual(loadSchema<{ sdkQueueNames: string[] }>('families').sdkQueueNames, ['Default', 'IOUserClientQueueExternalMethod', 'AuxiliaryQueue', 'InterruptQueue', 'RxDispatchQueue', 'TxDispatchQueue']);
});

test('personality-keys.jsonc and usb-matching.jsonc: typed, documented keys; rows of known USB keys', () => {
  const schema = personalitySchema();
  for (const k of schema.keys) {
    assert.ok(['string', 'integer', 'boolean', 'dict', 'array', 'any'].includes(k.type), k.key);
    assert.ok(k.doc.length > 10 && k.source.length > 2, k.key);
    if (k.wildcard) assert.equal(k.provider, 'usb', `${k.key}: wildcards are USB matching`);
  }
  const usbKeys = new Set(schema.keys.filter((k) => k.provider === 'usb').map((k) => k.key));
  for (const [provider, spec] of Object.entries(schema.usb.providers)) {
    assert.equal(schema.providerByName.get(provider)?.group, 'usb', provider);
    for (const row of spec.rows) for (const key of [...row.keys, ...row.optional]) assert.ok(usbKeys.has(key), `${provider}: ${key}`);
    for (const key of spec.foreignKeys) assert.ok(usbKeys.has(key), key);
  }
  for (const [standIn, key] of Object.entries(schema.usb.standIns)) assert.ok(usbKeys.has(standIn) && usbKeys.has(key));
  assert.deepEqual(schema.providersOf('resources'), ['IOUserResources', 'IOResources']);
});

test('personality-templates.jsonc: templates for the five kinds, naming known providers and keys', () => {
  const schema = personalitySchema();
  const { templates } = loadSchema<{ templates: { title: string; provider: string; keys: [string, string][] }[] }>('personality-templates');
  assert.deepEqual(templates.map((t) => t.title), ['USB interface', 'USB device', 'PCI', 'HID event service', 'IOUserResources']);
  for (const t of templates) {
    assert.ok(schema.providerByName.has(t.provider), t.provider);
    for (const [key] of t.keys) assert.ok(schema.byKey.has(key), key);
  }
});
