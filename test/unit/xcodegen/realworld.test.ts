// The XcodeGen reader on the real project.yml files of ../shared/realworld, read in place: every
// target's type, bundle ids and embed relations, exactly.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { settingValues } from '../../../server/src/pbxproj/project';
import { parsePlist } from '../../../server/src/plist';
import { readXcodeGenProject, renderInfoPlist, specSpanAt, toXcodeProject } from '../../../server/src/xcodegen';
import { repoRoot } from '../../helpers/workspace';

// ../shared beside the repository; DEXT_SHARED names it elsewhere (a git worktree has none beside it).
const realworld = join(process.env.DEXT_SHARED ?? join(repoRoot, '../shared'), 'realworld');
const skip = existsSync(realworld) ? false : `${realworld} is absent (the shared real-world projects live beside the repository)`;

const readFile = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** `name type bundle-ids SDKROOT info entitlements → embeds` per target. */
function summary(relativePath: string): string[] {
  const spec = readXcodeGenProject(join(realworld, relativePath), { readFile });
  const mapped = toXcodeProject(spec);
  assert.deepEqual(mapped.problems, [], relativePath);
  return mapped.targets.map(({ target, embeds }) => {
    const values = (name: string) => settingValues(mapped.project, target, name).join('|') || '-';
    const type = target.productType.replace('com.apple.product-type.', '');
    const embedded = embeds.map((e) => `${e.name}@${e.destination}`).join(',') || '-';
    return `${target.name} ${type} ${values('PRODUCT_BUNDLE_IDENTIFIER')} ${values('SDKROOT')} ${values('INFOPLIST_FILE')} ${values('CODE_SIGN_ENTITLEMENTS')} → ${embedded}`;
  });
}

test('mrmidi/ASFireWire: the app embeds the driver extension', { skip }, () => {
  assert.deepEqual(summary('mrmidi__ASFireWire/project.yml'), [
    'ASFW application net.mrmidi.ASFW macosx - ASFW/App.entitlements → ASFWDriver@system-extensions',
    'ASFWDriver driver-extension net.mrmidi.ASFW.ASFWDriver driverkit ASFWDriver/Info.plist ASFWDriver/ASFWDriver.entitlements → -',
    'ASFWTests bundle.unit-test net.mrmidi.ASFWTests macosx - - → -',
  ]);
});

test('mrmidi/ASFireWire ADKVirtualAudioLab: bundle ids from the prefix, the dext Info.plist found among sources', { skip }, () => {
  assert.deepEqual(summary('mrmidi__ASFireWire/ADKVirtualAudioLab/project.yml'), [
    'ADKLabHost application net.mrmidi.ASFW.ADKLabHost macosx Host/Info.plist Host/ADKLabHost.entitlements → net.mrmidi.ASFW.ADKVirtualAudioLab@system-extensions',
    'ADKVirtualAudioLabTests tool net.mrmidi.ASFW.ADKVirtualAudioLabTests macosx - - → -',
    'net.mrmidi.ASFW.ADKVirtualAudioLab driver-extension net.mrmidi.ASFW.ADKVirtualAudioLab driverkit Info.plist Driver/ADKVirtualAudioLab.entitlements → -',
  ]);
});

test('joaquinbejar/iSCSIKit: the app embeds the dext; its generated Info.plist has CFBundleVersion as an integer', { skip }, () => {
  assert.deepEqual(summary('joaquinbejar__iSCSIKit/project.yml'), [
    'iSCSIKit application com.taunais.iscsi-initiator macosx App/Info.plist App/App.entitlements → iSCSIKitDext@system-extensions',
    'iSCSIKitDext driver-extension com.taunais.iscsi-initiator.dext driverkit Dext/Info.plist Dext/Dext.entitlements → -',
  ]);
  const spec = readXcodeGenProject(join(realworld, 'joaquinbejar__iSCSIKit/project.yml'), { readFile });
  const app = spec.targets.find((t) => t.name === 'iSCSIKit')!;
  const rendered = renderInfoPlist(app);
  const doc = parsePlist(rendered.text);
  assert.deepEqual(doc.problems, []);
  const version = (doc.root as { entries: { key: string; value?: { kind: string; start: number } }[] }).entries.find((e) => e.key === 'CFBundleVersion')!;
  // `CFBundleVersion: 1` is a YAML integer, so XcodeGen writes <integer>: the finding points at line 59.
  assert.equal(version.value!.kind, 'integer');
  assert.equal(specSpanAt(rendered, version.value!.start)!.range.start.line + 1, 59);
});

test('Karabiner-DriverKit-VirtualHIDDevice: XcodeGen apps and a tool, no dext among them', { skip }, () => {
  const base = 'pqrs-org__Karabiner-DriverKit-VirtualHIDDevice';
  assert.deepEqual(summary(`${base}/src/Manager/project.yml`), ['Karabiner-VirtualHIDDevice-Manager application org.pqrs.Karabiner-VirtualHIDDevice-Manager macosx - - → -']);
  assert.deepEqual(summary(`${base}/src/Daemon/project.yml`), ['Karabiner-VirtualHIDDevice-Daemon application org.pqrs.Karabiner-VirtualHIDDevice-Daemon macosx - - → -']);
  assert.deepEqual(summary(`${base}/examples/SMAppServiceExample/project.yml`), [
    'Karabiner-VirtualHIDDevice-SMAppServiceExample application org.pqrs.Karabiner-VirtualHIDDevice-SMAppServiceExample macosx - - → -',
  ]);
  assert.deepEqual(summary(`${base}/examples/virtual-hid-device-service-client/project.yml`), [
    'virtual-hid-device-service-client tool org.pqrs.virtual-hid-device-service-client macosx - - → -',
  ]);
});
