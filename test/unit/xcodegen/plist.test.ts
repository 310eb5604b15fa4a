// The plists XcodeGen writes from info/entitlements properties: Foundation's XML layout, read back
// by our plist parser to the same values, and every rendered key/value mapped to project.yml.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parsePlist, type PlistNode } from '../../../server/src/plist';
import { readXcodeGenProject, renderEntitlements, renderInfoPlist, renderedNodeAt, specSpanAt, type XcodeGenTarget } from '../../../server/src/xcodegen';
import { fixturePath } from '../../helpers/workspace';

const specPath = fixturePath('xcodegen', 'basic', 'project.yml');
const specText = readFileSync(specPath, 'utf8');

function target(name: string): XcodeGenTarget {
  const project = readXcodeGenProject(specPath, { readFile: (p) => (p === specPath ? specText : undefined) });
  const t = project.targets.find((x) => x.name === name);
  assert.ok(t);
  return t;
}

function plain(node: PlistNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'dict') return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
  if (node.kind === 'array') return node.items.map(plain);
  return node.value;
}

test('entitlements: Foundation XML layout, keys sorted, types kept', () => {
  const rendered = renderEntitlements(target('Sensor_Driver'));
  assert.equal(
    rendered.text,
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
      '<plist version="1.0">',
      '<dict>',
      '\t<key>com.apple.developer.driverkit</key>',
      '\t<true/>',
      '\t<key>com.apple.developer.driverkit.transport.usb</key>',
      '\t<array>',
      '\t\t<dict>',
      '\t\t\t<key>idVendor</key>',
      '\t\t\t<integer>4660</integer>',
      '\t\t</dict>',
      '\t</array>',
      '</dict>',
      '</plist>',
      '',
    ].join('\n'),
  );
});

test('Info.plist: XcodeGen\'s generated keys under the properties, escaped, readable by our parser', () => {
  const rendered = renderInfoPlist(target('Sensor_Driver'));
  const doc = parsePlist(rendered.text);
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(plain(doc.root), {
    CFBundleDevelopmentRegion: '$(DEVELOPMENT_LANGUAGE)',
    CFBundleExecutable: '$(EXECUTABLE_NAME)',
    CFBundleIdentifier: '$(PRODUCT_BUNDLE_IDENTIFIER)',
    CFBundleInfoDictionaryVersion: '6.0',
    CFBundleName: '$(PRODUCT_NAME)',
    CFBundlePackageType: 'DEXT',
    CFBundleShortVersionString: '1.0',
    CFBundleVersion: '1',
    IOKitPersonalities: { SensorDriver: { IOClass: 'IOUserService', IOProviderClass: 'IOUSBHostInterface', IOUserClass: 'SensorDriver', idVendor: 4660 } },
    OSBundleUsageDescription: 'Reads <sensors> & more',
  });
  assert.ok(rendered.text.includes('<string>Reads &lt;sensors&gt; &amp; more</string>'));
  const keys = (doc.root as { entries: { key: string }[] }).entries.map((e) => e.key);
  assert.deepEqual(keys, [...keys].sort());
});

test('every rendered key and value maps back to project.yml; generated keys map to nothing', () => {
  const rendered = renderInfoPlist(target('Sensor_Driver'));
  const doc = parsePlist(rendered.text);
  const personalities = (doc.root as { entries: { key: string; value?: PlistNode; start: number }[] }).entries.find((e) => e.key === 'IOKitPersonalities')!;
  const driver = (personalities.value as { entries: { key: string; value?: PlistNode }[] }).entries[0]!;
  const idVendor = (driver.value as { entries: { key: string; value?: PlistNode; start: number }[] }).entries.find((e) => e.key === 'idVendor')!;
  // The value's offset in the rendered text → the YAML text that wrote it.
  const valueSpan = specSpanAt(rendered, idVendor.value!.start + 1)!;
  assert.equal(specText.slice(valueSpan.start, valueSpan.end), '0x1234');
  const keySpan = specSpanAt(rendered, idVendor.start + 1)!;
  assert.equal(specText.slice(keySpan.start, keySpan.end), 'idVendor');
  assert.equal(keySpan.file, specPath);
  const generated = (doc.root as { entries: { key: string; start: number }[] }).entries.find((e) => e.key === 'CFBundleExecutable')!;
  assert.equal(specSpanAt(rendered, generated.start + 1), undefined);
  const byPath = renderedNodeAt(rendered, ['IOKitPersonalities', 'SensorDriver', 'IOClass'])!;
  assert.equal(rendered.text.slice(byPath.start, byPath.end), '<string>IOUserService</string>');
  assert.equal(specText.slice(byPath.source!.start, byPath.source!.end), 'IOUserService');
});

test('package type and executable follow the product type; empty containers are self-closing', () => {
  const files: Record<string, string> = {
    '/p/project.yml': [
      'name: P',
      'targets:',
      '  Res:',
      '    type: bundle',
      '    platform: macOS',
      '    info: {path: Res/Info.plist, properties: {Empty: {}, None: [], Ratio: 1.5, When: 2001-12-14}}',
      '  App:',
      '    type: application',
      '    platform: macOS',
      '    info: {path: App/Info.plist}',
      '',
    ].join('\n'),
  };
  const project = readXcodeGenProject('/p/project.yml', { readFile: (p) => files[p] });
  assert.deepEqual(project.problems, []);
  const res = renderInfoPlist(project.targets.find((t) => t.name === 'Res')!);
  assert.ok(!res.text.includes('CFBundleExecutable'));
  assert.ok(res.text.includes('<key>CFBundlePackageType</key>\n\t<string>BNDL</string>'));
  assert.ok(res.text.includes('<key>Empty</key>\n\t<dict/>'));
  assert.ok(res.text.includes('<key>None</key>\n\t<array/>'));
  assert.ok(res.text.includes('<key>Ratio</key>\n\t<real>1.5</real>'));
  assert.ok(res.text.includes('<key>When</key>\n\t<date>2001-12-14T00:00:00Z</date>'));
  assert.deepEqual(parsePlist(res.text).problems, []);
  const app = renderInfoPlist(project.targets.find((t) => t.name === 'App')!);
  assert.ok(app.text.includes('<key>CFBundlePackageType</key>\n\t<string>APPL</string>'));
  // A dext gets no CFBundlePackageType from XcodeGen: the spec must give DEXT itself.
  const dext = { ...project.targets[0]!, productType: 'com.apple.product-type.driver-extension', info: undefined };
  assert.ok(!renderInfoPlist(dext).text.includes('CFBundlePackageType'));
});
