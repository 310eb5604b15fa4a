// The XcodeGen reader on small fixtures, one feature each: the typed project, the resolved spec
// (includes, anchors, templates, multi-platform targets) and the mapping to XcodeProject.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { settingValues } from '../../../server/src/pbxproj/project';
import { readXcodeGenProject, toXcodeProject, type XcodeGenXcodeProject } from '../../../server/src/xcodegen';
import { fixturePath } from '../../helpers/workspace';

const readFile = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

function load(name: string, options: Parameters<typeof toXcodeProject>[1] = {}): XcodeGenXcodeProject {
  return toXcodeProject(readXcodeGenProject(fixturePath('xcodegen', name, 'project.yml'), { readFile }), options);
}

function facts(mapped: XcodeGenXcodeProject, name: string) {
  const t = mapped.targets.find((x) => x.target.name === name);
  assert.ok(t, `target ${name}`);
  return t;
}

function inMemory(files: Record<string, string>) {
  return (path: string) => files[path];
}

test('basic: targets, product types, platforms, configurations and XcodeGen defaults', () => {
  const mapped = load('basic');
  const { project } = mapped;
  assert.deepEqual(mapped.problems, []);
  assert.equal(project.projectName, 'Sensor');
  assert.equal(project.srcRoot, fixturePath('xcodegen', 'basic'));
  assert.deepEqual(project.targets.map((t) => [t.name, t.productType]), [
    ['SensorApp', 'com.apple.product-type.application'],
    ['Sensor_Driver', 'com.apple.product-type.driver-extension'],
  ]);
  const driver = facts(mapped, 'Sensor_Driver');
  const app = facts(mapped, 'SensorApp');
  assert.deepEqual(driver.target.configurations.map((c) => c.name), ['Debug', 'Release', 'Staging Debug']);
  // The prefix and the target name, `_` as `-`; the app sets its own.
  assert.deepEqual(settingValues(project, driver.target, 'PRODUCT_BUNDLE_IDENTIFIER'), ['com.example.sensor.Sensor-Driver']);
  assert.deepEqual(settingValues(project, app.target, 'PRODUCT_BUNDLE_IDENTIFIER'), ['com.example.sensor.app']);
  assert.deepEqual(settingValues(project, driver.target, 'SDKROOT'), ['driverkit']);
  assert.deepEqual(settingValues(project, app.target, 'SDKROOT'), ['macosx']);
  assert.deepEqual(settingValues(project, driver.target, 'INFOPLIST_FILE'), ['Driver/Info.plist']);
  assert.deepEqual(settingValues(project, driver.target, 'CODE_SIGN_ENTITLEMENTS'), ['Driver/Driver.entitlements']);
  assert.deepEqual(settingValues(project, app.target, 'CODE_SIGN_ENTITLEMENTS'), ['App/App.entitlements']);
  // Numbers and booleans as XcodeGen writes them: 5.10 is the float 5.1; true is YES.
  assert.deepEqual(settingValues(project, driver.target, 'SWIFT_VERSION'), ['5.1']);
  assert.deepEqual(settingValues(project, app.target, 'ENABLE_HARDENED_RUNTIME'), ['YES']);
  // Project deployment target, overridden by the target's own.
  assert.deepEqual(settingValues(project, driver.target, 'MACOSX_DEPLOYMENT_TARGET'), ['14.0']);
  assert.deepEqual(settingValues(project, app.target, 'MACOSX_DEPLOYMENT_TARGET'), ['13.5']);
  // Setting groups; list values.
  assert.deepEqual(settingValues(project, driver.target, 'DEVELOPMENT_TEAM'), ['ABCDE12345']);
  assert.deepEqual(driver.target.configurations[0]!.settings.OTHER_LDFLAGS, ['-framework', 'DriverKit']);
  assert.deepEqual(app.target.dependencies, ['Sensor_Driver']);
});

test('basic: config variants apply to every configuration whose name contains them, unless another matches exactly', () => {
  const mapped = load('basic');
  const driver = facts(mapped, 'Sensor_Driver');
  const byName = Object.fromEntries(driver.target.configurations.map((c) => [c.name, c.settings]));
  assert.equal(byName.Debug!.ONLY_ACTIVE_ARCH, 'YES');
  assert.equal(byName['Staging Debug']!.ONLY_ACTIVE_ARCH, 'YES');
  assert.equal(byName.Release!.ONLY_ACTIVE_ARCH, undefined);
  assert.equal(byName.Release!.SWIFT_OPTIMIZATION_LEVEL, '-O');
  assert.equal(byName.Debug!.SWIFT_OPTIMIZATION_LEVEL, undefined);
});

test('basic: an app embeds its dext by default, into System Extensions, without code sign on copy', () => {
  const app = facts(load('basic'), 'SensorApp');
  assert.equal(app.embeds.length, 1);
  const [embed] = app.embeds;
  assert.equal(embed!.name, 'Sensor_Driver');
  assert.equal(embed!.destination, 'system-extensions');
  assert.equal(embed!.explicit, false);
  assert.equal(embed!.codeSignOnCopy, false);
});

test('basic: every setting knows where it was written or which property made it', () => {
  const mapped = load('basic');
  const driver = facts(mapped, 'Sensor_Driver');
  const text = readFileSync(fixturePath('xcodegen', 'basic', 'project.yml'), 'utf8');
  const origins = driver.configurations[0]!.origins;
  const at = (name: string) => {
    const o = origins.get(name)!;
    return [o.kind, o.span ? text.slice(o.span.start, o.span.end) : undefined];
  };
  assert.deepEqual(at('SDKROOT'), ['spec', 'driverkit']);
  assert.deepEqual(at('PRODUCT_BUNDLE_IDENTIFIER'), ['bundleIdPrefix', 'com.example.sensor']);
  assert.deepEqual(at('INFOPLIST_FILE'), ['info', 'Driver/Info.plist']);
  assert.deepEqual(at('CODE_SIGN_ENTITLEMENTS'), ['entitlements', 'Driver/Driver.entitlements']);
  assert.deepEqual(at('MACOSX_DEPLOYMENT_TARGET'), ['deploymentTarget', '14.0']);
  assert.deepEqual(at('COMBINE_HIDPI_IMAGES'), ['platform', 'macOS']);
  assert.equal(origins.get('SDKROOT')!.keySpan!.range.start.line, text.split('\n').findIndex((l) => l.includes('SDKROOT: driverkit')));
});

test('basic: config files per configuration, project and target level, relative to the spec', () => {
  const driver = facts(load('basic'), 'Sensor_Driver');
  const base = fixturePath('xcodegen', 'basic');
  const byName = Object.fromEntries(driver.configurations.map((c) => [c.name, c]));
  assert.equal(byName.Debug!.projectConfigFile?.absolute, join(base, 'Config/Project-Debug.xcconfig'));
  assert.equal(byName.Debug!.targetConfigFile, undefined);
  assert.equal(byName.Release!.targetConfigFile?.absolute, join(base, 'Driver/Release.xcconfig'));
  assert.equal(byName['Staging Debug']!.projectConfigFile, undefined);
});

test('an xcconfig that sets PRODUCT_BUNDLE_IDENTIFIER stops the prefix default; its settings beat the presets', () => {
  const base = fixturePath('xcodegen', 'basic');
  const mapped = load('basic', {
    configFileSettings: (path) => (path === join(base, 'Driver/Release.xcconfig') ? new Set(['PRODUCT_BUNDLE_IDENTIFIER', 'COMBINE_HIDPI_IMAGES']) : undefined),
  });
  const driver = facts(mapped, 'Sensor_Driver');
  const byName = Object.fromEntries(driver.target.configurations.map((c) => [c.name, c.settings]));
  assert.equal(byName.Release!.PRODUCT_BUNDLE_IDENTIFIER, undefined);
  assert.equal(byName.Release!.COMBINE_HIDPI_IMAGES, undefined);
  assert.equal(byName.Debug!.PRODUCT_BUNDLE_IDENTIFIER, 'com.example.sensor.Sensor-Driver');
  assert.equal(byName.Debug!.COMBINE_HIDPI_IMAGES, 'YES');
});

test('includes: merged in order under the including file, paths relative to the file that wrote them', () => {
  const mapped = load('includes');
  const base = fixturePath('xcodegen', 'includes');
  assert.deepEqual(mapped.problems, []);
  const spec = readXcodeGenProject(join(base, 'project.yml'), { readFile });
  assert.deepEqual(spec.files, [join(base, 'project.yml'), join(base, 'shared/base.yml'), join(base, 'shared/nested/common.yml'), join(base, 'targets/dext.yml')]);
  const app = facts(mapped, 'App');
  const dext = facts(mapped, 'Dext');
  // base.yml's prefix wins over common.yml's (a file is merged over what it includes).
  assert.deepEqual(settingValues(mapped.project, dext.target, 'PRODUCT_BUNDLE_IDENTIFIER'), ['com.example.base.Dext']);
  assert.deepEqual(settingValues(mapped.project, app.target, 'PRODUCT_BUNDLE_IDENTIFIER'), ['com.example.included.app']);
  assert.deepEqual(settingValues(mapped.project, dext.target, 'MACOSX_DEPLOYMENT_TARGET'), ['12.0']);
  assert.deepEqual(settingValues(mapped.project, dext.target, 'COMMON_SETTING'), ['from-common']);
  // relativePaths (default): shared/…; relativePaths: false: from the root.
  assert.deepEqual(settingValues(mapped.project, app.target, 'INFOPLIST_FILE'), ['shared/App/Info.plist']);
  assert.equal(app.configurations[0]!.projectConfigFile?.path, 'shared/Base.xcconfig');
  assert.equal(dext.configurations[0]!.targetConfigFile?.absolute, join(base, 'Dext/Debug.xcconfig'));
  assert.deepEqual(settingValues(mapped.project, dext.target, 'CODE_SIGN_ENTITLEMENTS'), ['Dext/Dext.entitlements']);
  // sources:REPLACE replaced the included list instead of appending to it.
  assert.deepEqual(app.spec.sources.map((s) => s.path), ['AppSources']);
  // The info properties come from base.yml and point there.
  const displayName = app.spec.info!.properties!.entries.get('CFBundleDisplayName')!;
  assert.equal(displayName.keySpan.file, join(base, 'shared/base.yml'));
  assert.deepEqual(app.embeds.map((e) => [e.name, e.explicit]), [['Dext', true]]);
});

test('includes: a cycle and a missing file are problems at the include, and the rest is read', () => {
  const base = fixturePath('xcodegen', 'cycle');
  const spec = readXcodeGenProject(join(base, 'project.yml'), { readFile });
  const messages = spec.problems.map((p) => `${p.span.file.slice(base.length + 1)}:${p.span.range.start.line} ${p.message}`);
  assert.deepEqual(messages, [`b.yml:0 Include cycle: ${join(base, 'a.yml')} → ${join(base, 'b.yml')} → ${join(base, 'a.yml')}.`, `project.yml:0 Included spec not found: ${join(base, 'missing.yml')}.`]);
  assert.deepEqual(spec.targets.map((t) => t.name), ['A', 'B']);
});

test('includes: string booleans for enable (NSString.boolValue), unexpanded variables disable', () => {
  const files = {
    '/p/project.yml': 'name: P\ninclude:\n  - path: on.yml\n    enable: "YES"\n  - path: off.yml\n    enable: ${INCLUDE_OFF}\n  - path: var.yml\n    enable: ${FLAG}\n',
    '/p/on.yml': 'targets: {On: {type: tool, platform: macOS}}\n',
    '/p/off.yml': 'targets: {Off: {type: tool, platform: macOS}}\n',
    '/p/var.yml': 'targets: {Var: {type: tool, platform: macOS}}\n',
  };
  const spec = readXcodeGenProject('/p/project.yml', { readFile: inMemory(files), variables: { FLAG: 'true' } });
  assert.deepEqual(spec.targets.map((t) => t.name), ['On', 'Var']);
  assert.deepEqual(spec.files, ['/p/project.yml', '/p/on.yml', '/p/var.yml']);
});

test('anchors: merge keys and aliases across targets, explicit keys winning, positions at the anchor', () => {
  const mapped = load('anchors');
  assert.deepEqual(mapped.problems, []);
  const first = facts(mapped, 'FirstDriver');
  const second = facts(mapped, 'SecondDriver');
  assert.equal(first.target.productType, 'com.apple.product-type.driver-extension');
  assert.equal(second.target.productType, 'com.apple.product-type.driver-extension');
  assert.deepEqual(settingValues(mapped.project, first.target, 'CODE_SIGN_STYLE'), ['Automatic']);
  assert.deepEqual(settingValues(mapped.project, second.target, 'CODE_SIGN_STYLE'), ['Manual']);
  assert.deepEqual(settingValues(mapped.project, second.target, 'DEVELOPMENT_TEAM'), ['TEAM123456']);
  const text = readFileSync(fixturePath('xcodegen', 'anchors', 'project.yml'), 'utf8');
  const team = second.configurations[0]!.origins.get('DEVELOPMENT_TEAM')!;
  assert.equal(team.span!.start, text.indexOf('TEAM123456'));
});

test('templates: nested templates first, ${target_name} and templateAttributes expanded, the target on top', () => {
  const mapped = load('templates');
  const usb = facts(mapped, 'UsbDriver');
  const pci = facts(mapped, 'PciDriver');
  const host = facts(mapped, 'Host');
  assert.deepEqual(mapped.problems.map((p) => [p.severity, p.message]), [['warning', 'Unknown target template "Missing": XcodeGen ignores it.']]);
  assert.equal(usb.target.productType, 'com.apple.product-type.driver-extension');
  assert.deepEqual(settingValues(mapped.project, usb.target, 'PRODUCT_BUNDLE_IDENTIFIER'), ['org.example.usb.UsbDriver']);
  assert.deepEqual(settingValues(mapped.project, pci.target, 'PRODUCT_BUNDLE_IDENTIFIER'), ['org.example.pci.PciDriver']);
  assert.deepEqual(settingValues(mapped.project, usb.target, 'MARKER'), ['dext-UsbDriver']);
  assert.deepEqual(settingValues(mapped.project, pci.target, 'MARKER'), ['own']);
  assert.deepEqual(settingValues(mapped.project, usb.target, 'CODE_SIGN_STYLE'), ['Automatic']);
  assert.deepEqual(settingValues(mapped.project, usb.target, 'CODE_SIGN_ENTITLEMENTS'), ['UsbDriver/UsbDriver.entitlements']);
  assert.deepEqual(usb.spec.sources.map((s) => s.path), ['UsbDriver']);
  assert.deepEqual(settingValues(mapped.project, host.target, 'PRODUCT_BUNDLE_IDENTIFIER'), ['org.example.Host']);
  // embed: false keeps the dependency and embeds nothing.
  assert.deepEqual(host.target.dependencies, ['UsbDriver', 'PciDriver']);
  assert.deepEqual(host.embeds.map((e) => [e.name, e.explicit]), [['UsbDriver', true]]);
});

test('multi-platform targets: one per platform, ${platform} expanded, PRODUCT_NAME kept', () => {
  const mapped = load('multiplatform');
  assert.deepEqual(mapped.project.targets.map((t) => t.name), ['Kit_iOS', 'Kit_macOS']);
  const mac = facts(mapped, 'Kit_macOS');
  const ios = facts(mapped, 'Kit_iOS');
  assert.deepEqual(settingValues(mapped.project, mac.target, 'INFOPLIST_FILE'), ['Kit/macOS/Info.plist']);
  assert.deepEqual(settingValues(mapped.project, ios.target, 'SDKROOT'), ['iphoneos']);
  assert.deepEqual(settingValues(mapped.project, mac.target, 'PRODUCT_NAME'), ['Kit']);
  assert.deepEqual(settingValues(mapped.project, ios.target, 'IPHONEOS_DEPLOYMENT_TARGET'), ['16.0']);
  assert.deepEqual(settingValues(mapped.project, mac.target, 'MACOSX_DEPLOYMENT_TARGET'), ['13.0']);
});

test('wrong types and missing required properties are problems at the value, never a crash', () => {
  const text = [
    'name: [not, a, string]',
    'options:',
    '  bundleIdPrefix: 12',
    'targets:',
    '  NoType:',
    '    platform: macOS',
    '  BadType:',
    '    type: driver-extention',
    '    platform: macOS',
    '  BadPlatform:',
    '    type: tool',
    '    platform: DriverKit',
    '  BadThings:',
    '    type: application',
    '    platform: macOS',
    '    info: {properties: {A: 1}}',
    '    entitlements: nope',
    '    dependencies:',
    '      - target: NoSuchTarget',
    '        embed: maybe',
    '      - {weird: 1}',
    '    settings:',
    '      configs:',
    '        Debug: not-a-map',
    '      groups: [unknown-group]',
    '  NotAMap: 12',
    '',
  ].join('\n');
  const mapped = toXcodeProject(readXcodeGenProject('/p/project.yml', { readFile: inMemory({ '/p/project.yml': text }) }));
  const found = mapped.problems.map((p) => `${p.span.range.start.line + 1} ${p.severity}: ${p.message}`);
  assert.deepEqual(found.sort(), [
    '1 error: name must be a string.',
    '1 error: A spec needs a name: XcodeGen refuses it.',
    '12 error: Unknown platform "DriverKit": XcodeGen refuses the spec.',
    '16 error: info needs a path: XcodeGen refuses the spec.',
    '17 error: entitlements must be a map.',
    '19 error: No target named "NoSuchTarget" in this spec: XcodeGen refuses it.',
    '20 error: embed must be a boolean (true or false): XcodeGen ignores "maybe".',
    '21 error: A dependency names one of target, framework, carthage, sdk, package, bundle: XcodeGen refuses the spec.',
    '24 error: settings.configs.Debug must be a map of settings: XcodeGen refuses the spec.',
    '25 warning: Unknown setting group "unknown-group": XcodeGen ignores it.',
    '26 error: Target NotAMap must be a map.',
    '3 error: options.bundleIdPrefix must be a string.',
    '5 error: Target NoType needs a type (application, driver-extension, …): XcodeGen refuses the spec.',
    '8 error: Unknown target type "driver-extention": XcodeGen refuses the spec.',
  ].sort());
  assert.deepEqual(mapped.project.targets.map((t) => [t.name, t.productType]), [
    ['BadPlatform', 'com.apple.product-type.tool'],
    ['BadThings', 'com.apple.product-type.application'],
    ['BadType', ''],
    ['NoType', ''],
  ]);
});

test('a missing spec, an empty spec and a spec that is not a map are problems', () => {
  const missing = readXcodeGenProject('/p/project.yml', { readFile: () => undefined });
  assert.deepEqual(missing.problems.map((p) => p.message), ['Spec not found: /p/project.yml.']);
  const empty = readXcodeGenProject('/p/project.yml', { readFile: () => '' });
  assert.deepEqual(empty.problems.map((p) => p.message), []);
  assert.deepEqual(empty.targets, []);
  const list = readXcodeGenProject('/p/project.yml', { readFile: () => '- a\n- b\n' });
  assert.deepEqual(list.problems.map((p) => p.message), ['A spec is a map of properties (name, targets, …).']);
});

test('variables: given names are expanded in values and keys, others stay as written', () => {
  const text = 'name: ${APP}\ntargets:\n  ${APP}:\n    type: application\n    platform: macOS\n    settings:\n      PRODUCT_BUNDLE_IDENTIFIER: com.example.${APP}.${UNSET}\n';
  const spec = readXcodeGenProject('/p/project.yml', { readFile: inMemory({ '/p/project.yml': text }), variables: { APP: 'Host' } });
  assert.equal(spec.name?.value, 'Host');
  assert.equal(spec.targets[0]!.name, 'Host');
  assert.equal(spec.targets[0]!.settings.base.get('PRODUCT_BUNDLE_IDENTIFIER')!.value, 'com.example.Host.${UNSET}');
});

test('simple settings maps are ignored next to base/configs/groups, with a warning', () => {
  const text = 'name: P\ntargets:\n  T:\n    type: tool\n    platform: macOS\n    settings:\n      MARKETING_VERSION: 1.0\n      base:\n        CURRENT_PROJECT_VERSION: 100\n';
  const mapped = toXcodeProject(readXcodeGenProject('/p/project.yml', { readFile: inMemory({ '/p/project.yml': text }) }));
  const t = mapped.targets[0]!;
  assert.equal(t.target.configurations[0]!.settings.MARKETING_VERSION, undefined);
  assert.equal(t.target.configurations[0]!.settings.CURRENT_PROJECT_VERSION, '100');
  assert.deepEqual(mapped.problems.map((p) => p.message), ['MARKETING_VERSION is ignored: with base, configs or groups, settings outside them do not count.']);
});

test('setting group cycles are refused; the Info.plist found among sources sets INFOPLIST_FILE', () => {
  const text = 'name: P\nsettingGroups:\n  a: {groups: [b], A: 1}\n  b:\n    groups: [a]\n    base: {B: 2}\ntargets:\n  T:\n    type: driver-extension\n    platform: macOS\n    sources: [Driver]\n    settings: {groups: [a]}\n';
  const spec = readXcodeGenProject('/p/project.yml', { readFile: inMemory({ '/p/project.yml': text }) });
  const withSearch = toXcodeProject(spec, { findInfoPlist: (path) => (path === '/p/Driver' ? '/p/Driver/Sub/Info.plist' : undefined) });
  assert.ok(withSearch.problems.some((p) => /Setting group cycle: a → b → a/.test(p.message)));
  assert.equal(withSearch.targets[0]!.target.configurations[0]!.settings.B, '2');
  assert.equal(withSearch.targets[0]!.target.configurations[0]!.settings.INFOPLIST_FILE, 'Driver/Sub/Info.plist');
  assert.equal(withSearch.targets[0]!.configurations[0]!.origins.get('INFOPLIST_FILE')!.kind, 'sources');
  const withoutSearch = toXcodeProject(spec);
  assert.equal(withoutSearch.targets[0]!.target.configurations[0]!.settings.INFOPLIST_FILE, undefined);
});

test('the bundle id default keeps letters, digits, dots and hyphens of the target name, `_` as `-`', async () => {
  const { defaultBundleId } = await import('../../../server/src/xcodegen');
  assert.equal(defaultBundleId('com.example', 'My_Driver Kit+2'), 'com.example.My-DriverKit2');
  assert.equal(defaultBundleId('com.example', 'Zürich.dext'), 'com.example.Zürich.dext');
});
