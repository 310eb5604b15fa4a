// XcodeGen specs in the product model: a project.yml is read like a project file (xcconfig levels,
// bundleIdPrefix, embeds), its includes come from the workspace, a generated .xcodeproj beside it
// wins, and its problems are diagnostics on the file that has them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settingValues } from '../../../server/src/pbxproj/project';
import { pathToUri } from '../../../server/src/workspace/uri';
import { diagnosticsOf, workspaceFromFiles } from '../../helpers/workspace';

const DEXT_SPEC = `name: Lab
include:
  - shared.yml
targets:
  Lab_Driver:
    type: driver-extension
    platform: macOS
    sources: [Driver]
    info:
      path: Driver/Info.plist
  LabApp:
    type: application
    platform: macOS
    sources: [App]
    dependencies:
      - target: Lab_Driver
`;

test('a spec is a project: bundle ids from an included bundleIdPrefix, the app embeds its dext', () => {
  const ws = workspaceFromFiles({ '/w/project.yml': DEXT_SPEC, '/w/shared.yml': 'options:\n  bundleIdPrefix: com.example.lab\n' });
  const model = ws.getModel();
  assert.deepEqual(model.dexts.map((d) => [d.name, d.bundleIds]), [['Lab_Driver', ['com.example.lab.Lab-Driver']]]);
  assert.deepEqual(model.apps.map((a) => [a.name, a.bundleIds, a.dexts.map((d) => d.name)]), [['LabApp', ['com.example.lab.LabApp'], ['Lab_Driver']]]);
  assert.deepEqual(model.apps[0]!.target?.embeddedSystemExtensions, ['Lab_Driver']);
  assert.equal(model.projects[0]?.file.path, '/w/project.yml');
  assert.ok(model.dexts[0]!.xcodegen, 'the product keeps the spec view of its target');

  // The included file's problems and the spec's products depend on it.
  assert.ok(ws.dependentsOf(pathToUri('/w/shared.yml')).some((f) => f.path === '/w/project.yml'));
  // An edit to the included file relinks: the prefix it sets is the new one.
  ws.set(pathToUri('/w/shared.yml'), 'options:\n  bundleIdPrefix: org.other\n', 2);
  assert.deepEqual(ws.getModel().dexts[0]!.bundleIds, ['org.other.Lab-Driver']);
  // And an edit to the spec itself.
  ws.set(pathToUri('/w/project.yml'), DEXT_SPEC.replace('Lab_Driver:\n', 'Renamed:\n').replace('target: Lab_Driver', 'target: Renamed'), 2);
  assert.deepEqual(ws.getModel().dexts.map((d) => d.bundleIds), [['org.other.Renamed']]);
});

test('settings are layered like a generated project: project xcconfig < project < target xcconfig < target', () => {
  const ws = workspaceFromFiles({
    '/w/project.yml': `name: L
configFiles:
  Debug: Config/Project.xcconfig
  Release: Config/Project.xcconfig
settings:
  base:
    FLAGS: $(inherited) b
targets:
  Driver:
    type: driver-extension
    platform: macOS
    configFiles:
      Debug: Config/Driver.xcconfig
      Release: Config/Driver.xcconfig
    settings:
      base:
        FLAGS: $(inherited) d
`,
    '/w/Config/Project.xcconfig': 'FLAGS = a\n',
    '/w/Config/Driver.xcconfig': 'FLAGS = $(inherited) c\nPRODUCT_BUNDLE_IDENTIFIER = com.example.fromxcconfig\n',
  });
  const model = ws.getModel();
  const { project } = model.projects[0]!;
  const target = project.targets[0]!;
  assert.deepEqual(settingValues(project, target, 'FLAGS'), ['a b c d']);
  assert.deepEqual(model.dexts[0]!.bundleIds, ['com.example.fromxcconfig']);
  assert.deepEqual(model.xcconfigReaders.get('/w/Config/Driver.xcconfig')?.map((f) => f.path), ['/w/project.yml']);
  // The setting points at the spec text that wrote it.
  const origin = target.configurations[0]!.origins?.FLAGS;
  assert.equal(origin?.path, '/w/project.yml');
});

const PBXPROJ = `// !$*UTF8*$!
{ objects = { R = { isa = PBXProject; targets = (T); buildConfigurationList = L0; }; L0 = { isa = XCConfigurationList; buildConfigurations = (); }; T = { isa = PBXNativeTarget; name = Lab_Driver; productType = "com.apple.product-type.driver-extension"; buildConfigurationList = L; }; L = { isa = XCConfigurationList; buildConfigurations = (C); }; C = { isa = XCBuildConfiguration; name = Release; buildSettings = { PRODUCT_BUNDLE_IDENTIFIER = com.example.generated; }; }; }; rootObject = R; }
`;

test('a readable .xcodeproj generated beside the spec is read instead; a damaged one is not', () => {
  const files = { '/w/project.yml': DEXT_SPEC, '/w/shared.yml': 'options:\n  bundleIdPrefix: com.example.lab\n', '/w/Lab.xcodeproj/project.pbxproj': PBXPROJ };
  const model = workspaceFromFiles(files).getModel();
  assert.deepEqual(model.dexts.map((d) => d.bundleIds), [['com.example.generated']]);
  assert.equal(model.specs[0]?.supersededBy?.path, '/w/Lab.xcodeproj/project.pbxproj');
  assert.deepEqual(model.projects.map((p) => p.file.path), ['/w/Lab.xcodeproj/project.pbxproj']);

  // A project in another folder does not stand for the spec.
  const elsewhere = workspaceFromFiles({ '/w/project.yml': DEXT_SPEC, '/w/shared.yml': files['/w/shared.yml'], '/w/Other/Lab.xcodeproj/project.pbxproj': PBXPROJ }).getModel();
  assert.equal(elsewhere.specs[0]?.supersededBy, undefined);

  const damaged = workspaceFromFiles({ ...files, '/w/Lab.xcodeproj/project.pbxproj': '<<<<<<< HEAD\n{ objects = {' }).getModel();
  assert.equal(damaged.specs[0]?.supersededBy, undefined);
  assert.deepEqual(damaged.dexts.map((d) => d.bundleIds), [['com.example.lab.Lab-Driver']]);
  assert.deepEqual(damaged.unread.map((u) => u.kind), ['damaged']);
});

test('xcodegen-spec: problems are shown in the file that has them, once', () => {
  const ws = workspaceFromFiles({
    '/w/project.yml': 'name: P\ninclude:\n  - missing.yml\n  - bad.yml\ntargets:\n  D:\n    type: driver-extension\n    platform: macOS\n',
    '/w/bad.yml': 'options: [unclosed\n',
    '/w/unrelated.yml': 'key: [unclosed\n',
  });
  const brief = (path: string) => diagnosticsOf(ws, path).filter((d) => d.code === 'xcodegen-spec').map((d) => `${d.range.start.line + 1} ${d.severity}`);
  assert.deepEqual(brief('/w/project.yml'), ['3 warning']);
  // The YAML error, and the value it leaves (not a map) where `options` is read.
  assert.deepEqual(brief('/w/bad.yml').sort(), ['1 warning', '2 warning']);
  // A YAML file no spec includes is not read.
  assert.deepEqual(brief('/w/unrelated.yml'), []);
});

test('info.properties: OSBundleUsageDescription the spec writes counts, even when the Info.plist on disk lacks it', () => {
  const info = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>CFBundlePackageType</key>
	<string>DEXT</string>
	<key>IOKitPersonalities</key>
	<dict>
		<key>D</key>
		<dict>
			<key>IOClass</key>
			<string>IOUserService</string>
			<key>IOProviderClass</key>
			<string>IOUserResources</string>
			<key>IOUserClass</key>
			<string>D</string>
			<key>IOUserServerName</key>
			<string>com.example.D</string>
		</dict>
	</dict>
</dict>
</plist>
`;
  const spec = (properties: string) => `name: P
options:
  bundleIdPrefix: com.example
targets:
  D:
    type: driver-extension
    platform: macOS
    info:
      path: Driver/Info.plist${properties}
`;
  const codes = (properties: string) => {
    const ws = workspaceFromFiles({ '/w/project.yml': spec(properties), '/w/Driver/Info.plist': info });
    // The dext builds with the Info.plist XcodeGen writes there; its findings are the spec's.
    assert.equal(ws.getModel().dexts[0]?.infoPlist?.path, '/w/Driver/Info.plist');
    assert.notEqual(ws.getModel().dexts[0]?.infoPlist, ws.get(pathToUri('/w/Driver/Info.plist')));
    assert.deepEqual(diagnosticsOf(ws, '/w/Driver/Info.plist').map((d) => d.code), ['xcodegen-generated']);
    return diagnosticsOf(ws, '/w/project.yml').map((d) => d.code).filter((c) => c === 'missing-usage-description');
  };
  assert.deepEqual(codes('\n      properties:\n        OSBundleUsageDescription: Drives the device.'), []);
  assert.deepEqual(codes('\n      properties:\n        CFBundleDisplayName: D'), ['missing-usage-description']);
  assert.deepEqual(codes(''), ['missing-usage-description']);
});

test('a setting written in the spec is reported in the spec; a spec edit re-checks the files of its products', () => {
  const ws = workspaceFromFiles({
    '/w/project.yml': `name: P
options:
  bundleIdPrefix: com.example
targets:
  D:
    type: driver-extension
    platform: macOS
    settings:
      base:
        GENERATE_INFOPLIST_FILE: YES
        INFOPLIST_KEY_OSBundleUsageDescription: ""
        CODE_SIGN_ENTITLEMENTS: D/D.entitlements
`,
    '/w/shared.yml': 'options: {}\n',
    '/w/D/D.entitlements': '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n</dict>\n</plist>\n',
  });
  const lines = diagnosticsOf(ws, '/w/project.yml').filter((d) => d.code === 'missing-usage-description').map((d) => d.range.start.line + 1);
  assert.deepEqual(lines, [11]);
  assert.deepEqual(ws.dependentsOf(pathToUri('/w/project.yml')).map((f) => f.path), ['/w/D/D.entitlements']);
  // A YAML file no spec includes changes no one's diagnostics.
  assert.deepEqual(ws.dependentsOf(pathToUri('/w/shared.yml')), []);
});
