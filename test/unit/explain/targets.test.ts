// Each target kind resolved against a small project: the right file, the right key or value, and
// the fallbacks when the log names something the workspace does not have.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainInput } from '../../../server/src/explain';
import { pathToUri } from '../../../server/src/workspace/uri';
import { workspaceFromFiles } from '../../helpers/workspace';
import { PATTERN_SAMPLES } from './samples';

const plist = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n${body}</dict>\n</plist>\n`;

const files: Record<string, string> = {
  '/w/App/App.entitlements': plist('    <key>com.apple.developer.driverkit.userclient-access</key>\n    <array>\n        <string>com.example.PCIDriver</string>\n    </array>\n'),
  '/w/PCIDriver/Info.plist': plist(
    [
      '    <key>CFBundleIdentifier</key>',
      '    <string>com.example.PCIDriver</string>',
      '    <key>IOKitPersonalities</key>',
      '    <dict>',
      '        <key>PCIDriver</key>',
      '        <dict>',
      '            <key>IOClass</key>',
      '            <string>IOUserService</string>',
      '            <key>IOProviderClass</key>',
      '            <string>IOPCIDevice</string>',
      '            <key>IOPCIPrimaryMatch</key>',
      '            <string>0x123410b5</string>',
      '            <key>IOUserClass</key>',
      '            <string>PCIDriver</string>',
      '            <key>IOUserServerName</key>',
      '            <string>com.example.PCIDriver</string>',
      '            <key>IOUserServerOneProcess</key>',
      '            <false/>',
      '        </dict>',
      '    </dict>',
      '',
    ].join('\n'),
  ),
  '/w/PCIDriver/PCIDriver.entitlements': plist(
    '    <key>com.apple.developer.driverkit</key>\n    <true/>\n    <key>com.apple.developer.driverkit.transport.pci</key>\n    <array>\n        <dict>\n            <key>IOPCIPrimaryMatch</key>\n            <string>0x000010b5&amp;0x0000FFFF</string>\n        </dict>\n    </array>\n',
  ),
  '/w/PCIDriver/PCIDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass PCIDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n};\n',
};

function locationsOf(line: string, project: Record<string, string> = files): { file: string; line: number; text: string; title: string }[] {
  const workspace = workspaceFromFiles(project);
  const { groups } = explainInput(line, workspace);
  assert.ok(groups.length >= 1, `not recognised: ${line}`);
  return groups[0]!.locations.map((l) => ({
    file: l.path,
    line: l.line,
    text: workspace.get(l.uri)!.text.slice(l.start, l.end),
    title: l.title,
  }));
}

test('PCI tunnel line: the PCI personalities without IOPCITunnelCompatible = true, else the IOClass the kernel named', () => {
  const line = PATTERN_SAMPLES['pci-tunnel-compatible']!.line;
  // The kernel names the IOClass (IOUserService, every generic personality's): the PCI
  // personality that lacks the key is the one to open.
  assert.deepEqual(locationsOf(line), [
    { file: '/w/PCIDriver/Info.plist', line: 8, text: 'PCIDriver', title: 'personality PCIDriver has no IOPCITunnelCompatible' },
  ]);
  const info = '/w/PCIDriver/Info.plist';
  const withKey = (value: string) => ({ ...files, [info]: files[info]!.replace('<key>IOUserServerOneProcess</key>', `<key>IOPCITunnelCompatible</key>\n            ${value}\n            <key>IOUserServerOneProcess</key>`) });
  // <false/> never matches a tunnelled device: the key itself.
  assert.deepEqual(locationsOf(line, withKey('<false/>')).map((l) => [l.text, l.title]), [['IOPCITunnelCompatible', 'personality PCIDriver: IOPCITunnelCompatible']]);
  // Every PCI personality has it: the IOClass value the kernel named, as before.
  assert.deepEqual(locationsOf(line, withKey('<true/>')).map((l) => [l.text, l.title]), [['IOUserService', 'personality PCIDriver: IOClass = IOUserService']]);
});

test('provider check: the transport entitlement of the class\'s dext, then the provider class', () => {
  const line = 'kernel: (IOKit) DK: PCIDriver-0x100000c40::start(IOPCIDevice-0x100000a11) provider entitlements check failed';
  assert.deepEqual(
    locationsOf(line).map((l) => [l.file, l.text]),
    [
      ['/w/PCIDriver/PCIDriver.entitlements', 'com.apple.developer.driverkit.transport.pci'],
      ['/w/PCIDriver/Info.plist', 'IOProviderClass'],
    ],
  );
});

test('family check: no family entitlement yet, so the dext entitlements\' root dict; the IOClass key', () => {
  const line = 'kernel: (IOKit) DK: PCIDriver-0x100000c52::start family entitlements check failed';
  assert.deepEqual(
    locationsOf(line).map((l) => [l.file, l.text, l.title]),
    [
      ['/w/PCIDriver/PCIDriver.entitlements', '<dict>', 'no com.apple.developer.driverkit.family.… entitlement'],
      ['/w/PCIDriver/Info.plist', 'IOClass', 'personality PCIDriver: IOClass'],
    ],
  );
});

test('a class the workspace does not know falls back to every dext', () => {
  const line = 'kernel: (IOKit) DK: OtherDriver-0x100000c40::start provider entitlements check failed';
  assert.equal(locationsOf(line)[0]!.text, 'com.apple.developer.driverkit.transport.pci');
});

test('process sharing: IOUserServerOneProcess and IOUserServerName of the dext', () => {
  const line = 'kernel: DK: IOUserServer(com.example.PCIDriver-0x100000c33): not correct organization';
  assert.deepEqual(
    locationsOf(line).map((l) => l.text),
    ['IOUserServerOneProcess', 'IOUserServerName'],
  );
});

test('unsatisfied entitlements: each key where it is written', () => {
  const line = 'amfid: Unsatisfied entitlements: com.apple.developer.driverkit.userclient-access, com.apple.developer.driverkit.transport.pci';
  assert.deepEqual(
    locationsOf(line).map((l) => [l.file, l.text]).sort(),
    [
      ['/w/App/App.entitlements', 'com.apple.developer.driverkit.userclient-access'],
      ['/w/PCIDriver/PCIDriver.entitlements', 'com.apple.developer.driverkit.transport.pci'],
    ],
  );
});

test('missingEntitlement: the app lacks system-extension.install, so its root dict', () => {
  assert.deepEqual(locationsOf('(OSSystemExtensionErrorDomain error 2.)'), [
    { file: '/w/App/App.entitlements', line: 3, text: '<dict>', title: 'no com.apple.developer.system-extension.install' },
  ]);
});

test('systemextensionsctl line: the dext with that bundle id; an unknown id finds nothing', () => {
  assert.deepEqual(
    locationsOf('*\t*\tABCDE12345\tcom.example.PCIDriver (1.0/1)\tPCIDriver\t[activated enabled]').map((l) => [l.file, l.text]),
    [['/w/PCIDriver/Info.plist', 'IOKitPersonalities']],
  );
  assert.deepEqual(locationsOf('*\t*\tABCDE12345\tcom.example.Elsewhere (1.0/1)\tElsewhere\t[activated enabled]'), []);
});

test('a crash of a class without QUEUENAME points at its declaration', () => {
  const line = 'kernel: DK: PCIDriver-0x100000d01::Start assertion "queue->OnQueue()" failed @uioserver.cpp:1723';
  assert.deepEqual(locationsOf(line), [{ file: '/w/PCIDriver/PCIDriver.iig', line: 2, text: 'PCIDriver', title: 'class PCIDriver (no QUEUENAME)' }]);
});

test('userclient-access line for an app without the entitlement: the app\'s root dict', () => {
  const workspace = workspaceFromFiles({ ...files, '/w/App/App.entitlements': plist('    <key>com.apple.security.app-sandbox</key>\n    <true/>\n') });
  const { groups } = explainInput(PATTERN_SAMPLES['userclient-access-check']!.line, workspace);
  assert.deepEqual(
    groups[0]!.locations.map((l) => [l.uri, l.title]),
    [[pathToUri('/w/App/App.entitlements'), 'no userclient-access entitlement']],
  );
});
