// The language service API: common code actions, quick fixes from diagnostics, rule docs,
// folding and outline of plists.
import assert from 'node:assert/strict';
import { readSettings } from '../../../protocol/protocol';
import { test } from 'node:test';
import { getLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/workspace/uri';
import { applyEdits, workspaceFromFiles } from '../../helpers/workspace';

const TEXT = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Name</key>
	<string>a</string>
	<key>Name</key>
	<string>b</string>
	<key>List</key>
	<array>
		<string>x</string>
	</array>
</dict>
</plist>
`;
const path = '/s/Settings.plist';
const uri = pathToUri(path);

function service() {
  return getLanguageService(workspaceFromFiles({ [path]: TEXT }));
}

test('code actions: the diagnostic’s quick fix first, then docs and disable actions', () => {
  const s = service();
  const [dup] = s.doValidation(uri).filter((d) => d.code === 'duplicate-key');
  assert.ok(dup);
  const actions = s.doCodeActions(uri, dup.range);
  assert.equal(actions[0]!.title.startsWith('Remove'), true);
  assert.equal(actions[0]!.isPreferred, true);
  const titles = actions.map((a) => a.title);
  assert.ok(titles.includes("Show documentation for 'duplicate-key'"));
  assert.ok(titles.includes("Disable 'duplicate-key' for this line"));
  assert.ok(titles.includes("Disable 'duplicate-key' for this file"));
  assert.deepEqual(actions.find((a) => a.title.startsWith('Show documentation'))!.command, {
    title: 'Show rule documentation',
    command: 'dext.showRuleDocumentation',
    arguments: ['duplicate-key'],
  });
});

test('disable actions insert a suppression that silences the diagnostic', () => {
  for (const which of ['line', 'file']) {
    const s = service();
    const [dup] = s.doValidation(uri).filter((d) => d.code === 'duplicate-key');
    const action = s.doCodeActions(uri, dup!.range).find((a) => a.title === `Disable 'duplicate-key' for this ${which}`)!;
    const fixed = applyEdits(TEXT, action.edits![uri]!);
    s.workspace.set(uri, fixed, 2);
    assert.deepEqual(s.doValidation(uri).filter((d) => d.code !== 'unknown-rule').map((d) => d.code), [], which);
    assert.deepEqual(s.doValidation(uri), [], `${which}: no unknown-rule either`);
  }
});

test('disable actions write the comment of the file\'s language: `#` in a YAML spec, `//` in an .xcconfig', () => {
  const cases = [
    {
      path: '/y/project.yml',
      text: 'name: P\noptions:\n  bundleIdPrefix: com.example\ntargets:\n  D:\n    type: driver-extension\n    platform: macOS\n    info:\n      path: D/Info.plist\n      properties:\n        OSBundleUsageDescription: Drives it.\n        IOKitPersonalities:\n          D:\n            CFBundleIdentifier: com.example.Other\n            IOClass: IOUserService\n            IOMatchCategory: D\n            IOProviderClass: IOUserResources\n            IOResourceMatch: IOKit\n            IOUserClass: D\n            IOUserServerName: com.example.D\n',
      code: 'personality-bundle-id-mismatch',
      comment: /^\s*# dextlint-disable-(next-line|file) personality-bundle-id-mismatch$/m,
    },
    { path: '/x/Base.xcconfig', text: 'SDKROOT = driverkit\nthis is not a setting\n', code: 'xcconfig-syntax', comment: /^\/\/ dextlint-disable-(next-line|file) xcconfig-syntax$/m },
  ];
  for (const c of cases) {
    for (const which of ['line', 'file']) {
      const s = getLanguageService(workspaceFromFiles({ [c.path]: c.text }));
      const u = pathToUri(c.path);
      const [found] = s.doValidation(u).filter((d) => d.code === c.code);
      assert.ok(found, `${c.path}: ${c.code}`);
      const action = s.doCodeActions(u, found.range).find((a) => a.title === `Disable '${c.code}' for this ${which}`)!;
      const fixed = applyEdits(c.text, action.edits![u]!);
      assert.match(fixed, c.comment);
      s.workspace.set(u, fixed, 2);
      assert.deepEqual(s.doValidation(u).map((d) => d.code), [], `${c.path} ${which}`);
    }
  }
});

test('rule documentation and listing', () => {
  const s = service();
  assert.match(s.explainRule('plist-syntax')!, /## What it does/);
  assert.equal(s.explainRule('nope'), undefined);
  assert.ok(s.listRules().some((r) => r.id === 'duplicate-key' && r.defaultSeverity === 'error'));
});

test('folding ranges for dicts and arrays; an outline of keys', () => {
  const s = service();
  const folds = s.getFoldingRanges(uri);
  assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[3, 12], [9, 11]]);
  const symbols = s.findDocumentSymbols(uri);
  assert.deepEqual(symbols.map((x) => x.name), ['Name', 'Name', 'List']);
  assert.equal(symbols[2]!.kind, 'array');
});

test('settings: validate.enable=false silences everything; dext.rules overrides severities', () => {
  const s = service();
  assert.ok(s.doValidation(uri).some((d) => d.code === 'duplicate-key' && d.severity === 'error'), 'the file has a duplicate key');
  s.setSettings(readSettings({ validate: { enable: false } }));
  assert.deepEqual(s.doValidation(uri), []);
  s.setSettings(readSettings({ rules: { 'duplicate-key': 'hint' } }));
  const duplicates = s.doValidation(uri).filter((d) => d.code === 'duplicate-key');
  assert.ok(duplicates.length > 0, 'still reported');
  assert.ok(duplicates.every((d) => d.severity === 'hint'), 'at the configured severity');
});

test('warmUp types into a scratch project of its own: the workspace, its files and its diagnostics are as they were', async () => {
  const s = service();
  const before = s.doValidation(uri);
  const generation = s.workspace.generation;
  await s.warmUp();
  assert.deepEqual(s.fileUris(), [uri]);
  assert.equal(s.workspace.generation, generation);
  assert.equal(s.textOf(uri), TEXT);
  assert.deepEqual(s.doValidation(uri), before);
  // Stopped at once, it stops within its first slice.
  let asked = 0;
  await s.warmUp(() => ++asked > 0);
  assert.equal(asked, 1);
});
