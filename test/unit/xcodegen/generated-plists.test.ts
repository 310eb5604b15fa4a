// The plists XcodeGen writes from `info:` and `entitlements:` (FileWriter.writePlists, on every
// generation): checked as the files the targets build with, their findings shown in the spec at the
// property they are about, or at `info:` / `entitlements:` when no property wrote it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locationIn } from '../../../server/src/explain/locations';
import type { DextDiagnostic } from '../../../server/src/types';
import { pathToUri } from '../../../server/src/workspace/uri';
import { diagnosticsOf, workspaceFromFiles } from '../../helpers/workspace';

const DEXT = `name: P
options:
  bundleIdPrefix: com.example
targets:
  D:
    type: driver-extension
    platform: macOS
    info:
      path: D/Info.plist
      properties:
        OSBundleUsageDescription: Drives it.
        IOKitPersonalities:
          D:
            CFBundleIdentifier: com.example.Other
            IOClass: IOUserService
            IOMatchCategory: D
            IOProviderClass: IOUserResources
            IOResourceMatch: IOKit
            IOUserClass: D
            IOUserServerName: com.example.D
`;

const ENTITLEMENTS = (keys: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${keys}</dict>\n</plist>\n`;
const DRIVERKIT = '\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n';
const INSTALL = '\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n';

/** `line:column code` of a file's diagnostics (1-based), for the codes asked. */
function at(diagnostics: DextDiagnostic[], ...codes: string[]): string[] {
  return diagnostics.filter((d) => codes.includes(d.code)).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
}

test('a finding about a property is shown at it in the spec, and says which file XcodeGen writes', () => {
  const ws = workspaceFromFiles({ '/w/project.yml': DEXT });
  const found = diagnosticsOf(ws, '/w/project.yml').filter((d) => d.code === 'personality-bundle-id-mismatch');
  assert.deepEqual(at(found, 'personality-bundle-id-mismatch'), ['14:33 personality-bundle-id-mismatch']);
  assert.match(found[0]!.message, /^D\/Info\.plist, as XcodeGen writes it from `info:`: CFBundleIdentifier of personality 'D'/);
  // The dext builds with the generated Info.plist: same path, not a document of the editor.
  const infoPlist = ws.getModel().dexts[0]!.infoPlist!;
  assert.equal(infoPlist.path, '/w/D/Info.plist');
  assert.equal(ws.get(infoPlist.uri), undefined);
});

test('`entitlements:` without properties: XcodeGen writes an empty dict over the file on disk', () => {
  const spec = `${DEXT}    entitlements:\n      path: D/D.entitlements\n`;
  const ws = workspaceFromFiles({ '/w/project.yml': spec, '/w/D/D.entitlements': ENTITLEMENTS(DRIVERKIT) });
  // Found at the `entitlements:` key (line 21): no property wrote what is missing.
  assert.deepEqual(at(diagnosticsOf(ws, '/w/project.yml'), 'dext-missing-driverkit'), ['21:5 dext-missing-driverkit']);
  // The file on disk is checked as a plist only, and says why.
  const onDisk = diagnosticsOf(ws, '/w/D/D.entitlements');
  assert.deepEqual(onDisk.map((d) => d.code), ['xcodegen-generated']);
  assert.match(onDisk[0]!.message, /XcodeGen writes this file from `entitlements:` of target 'D'/);
  // With the key in the properties, nothing is missing.
  const fixed = workspaceFromFiles({ '/w/project.yml': `${spec}      properties:\n        com.apple.developer.driverkit: true\n`, '/w/D/D.entitlements': ENTITLEMENTS('') });
  assert.deepEqual(at(diagnosticsOf(fixed, '/w/project.yml'), 'dext-missing-driverkit'), []);
});

test('fixes of the generated text are not offered (the next generation would undo them); the same finding on a real file has its fix', () => {
  const app = (entitlements: string) => `${DEXT}  App:\n    type: application\n    platform: macOS\n${entitlements}    dependencies:\n      - target: D\n`;
  const generated = workspaceFromFiles({ '/w/project.yml': app('    entitlements:\n      path: App/App.entitlements\n      properties:\n        com.apple.security.app-sandbox: true\n') });
  const mapped = diagnosticsOf(generated, '/w/project.yml').filter((d) => d.code === 'app-missing-install');
  assert.equal(mapped.length, 1);
  assert.deepEqual(mapped[0]!.fixes, []);
  const real = workspaceFromFiles({
    '/w/project.yml': app('    settings:\n      base:\n        CODE_SIGN_ENTITLEMENTS: App/App.entitlements\n'),
    '/w/App/App.entitlements': ENTITLEMENTS('\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'),
  });
  const onFile = diagnosticsOf(real, '/w/App/App.entitlements').filter((d) => d.code === 'app-missing-install');
  assert.equal(onFile.length, 1);
  assert.ok(onFile[0]!.fixes.length > 0);
});

test('a `#` comment in the spec suppresses a finding shown there', () => {
  const suppressed = DEXT.replace('            CFBundleIdentifier: com.example.Other\n', '            # dextlint-disable-next-line personality-bundle-id-mismatch\n            CFBundleIdentifier: com.example.Other\n');
  const ws = workspaceFromFiles({ '/w/project.yml': suppressed });
  const codes = diagnosticsOf(ws, '/w/project.yml').map((d) => d.code);
  assert.ok(!codes.includes('personality-bundle-id-mismatch'));
  assert.ok(!codes.includes('unknown-rule'));
  // A `#` inside a plist is text, never a suppression.
  const plist = workspaceFromFiles({ '/w/App.entitlements': ENTITLEMENTS('\t<key>k</key>\n\t<string># dextlint-disable-file</string>\n') });
  assert.equal(diagnosticsOf(plist, '/w/App.entitlements').filter((d) => d.code === 'unknown-rule').length, 0);
});

test('a target written in an included file has its findings there', () => {
  const ws = workspaceFromFiles({
    '/w/project.yml': 'name: P\ninclude:\n  - targets.yml\noptions:\n  bundleIdPrefix: com.example\n',
    '/w/targets.yml': DEXT.slice(DEXT.indexOf('targets:')),
  });
  assert.deepEqual(at(diagnosticsOf(ws, '/w/project.yml'), 'personality-bundle-id-mismatch'), []);
  assert.deepEqual(at(diagnosticsOf(ws, '/w/targets.yml'), 'personality-bundle-id-mismatch'), ['11:33 personality-bundle-id-mismatch']);
  // Whatever changes the dext's findings re-checks the file that shows them, never the generated one.
  const dependents = ws.dependentsOf(pathToUri('/w/project.yml')).map((f) => f.uri);
  assert.ok(dependents.includes(pathToUri('/w/targets.yml')));
  assert.ok(dependents.every((uri) => !uri.includes('#')));
});

test('a readable .xcodeproj beside the spec is what Xcode builds: nothing is generated, the files on disk are checked', () => {
  const pbxproj = `// !$*UTF8*$!
{ objects = { R = { isa = PBXProject; targets = (T); buildConfigurationList = L0; }; L0 = { isa = XCConfigurationList; buildConfigurations = (); }; T = { isa = PBXNativeTarget; name = D; productType = "com.apple.product-type.driver-extension"; buildConfigurationList = L; }; L = { isa = XCConfigurationList; buildConfigurations = (C); }; C = { isa = XCBuildConfiguration; name = Release; buildSettings = { PRODUCT_BUNDLE_IDENTIFIER = com.example.D; INFOPLIST_FILE = D/Info.plist; }; }; }; rootObject = R; }
`;
  const ws = workspaceFromFiles({ '/w/project.yml': DEXT, '/w/D/Info.plist': ENTITLEMENTS(''), '/w/P.xcodeproj/project.pbxproj': pbxproj });
  const model = ws.getModel();
  if (!model.specs[0]?.supersededBy) return assert.fail('the committed project should supersede the spec');
  assert.equal(model.generated.size, 0);
  assert.deepEqual(at(diagnosticsOf(ws, '/w/project.yml'), 'personality-bundle-id-mismatch'), []);
  assert.ok(!diagnosticsOf(ws, '/w/D/Info.plist').some((d) => d.code === 'xcodegen-generated'));
});

test('a location in a generated plist (log explanations, related information) is the spec text that wrote it', () => {
  const ws = workspaceFromFiles({ '/w/project.yml': DEXT });
  const generated = ws.getModel().dexts[0]!.infoPlist!;
  const offset = generated.text.indexOf('<string>com.example.D</string>');
  const location = locationIn(generated, offset, offset + 10, 'IOUserServerName');
  assert.equal(location.uri, pathToUri('/w/project.yml'));
  assert.deepEqual([location.line + 1, location.character + 1], [20, 31]);
});
