// Reading a project the way Xcode builds it: .xcconfig files, layered and conditional settings
// with their origins, generated Info.plist keys, Embed System Extensions phases, files no target
// uses, and projects we cannot read.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { infoPlistKey } from '../../../server/src/dext/info-plist';
import { shippedDexts } from '../../../server/src/dext/app';
import { settingOf, settingValues } from '../../../server/src/pbxproj/project';
import { conditionsApply, layerSettings, splitConditionalKey, sdkFamily, xcconfigAssignments } from '../../../server/src/pbxproj/settings';
import { parseXcconfig } from '../../../server/src/pbxproj/xcconfig';
import { getLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/workspace/uri';
import { codesOf, diagnosticsOf, fixturePath, workspaceFromFiles, workspaceFromFolder } from '../../helpers/workspace';

test('xcconfig reader: settings with conditions, includes, comments, an optional ;, and exact offsets', () => {
  const text = '// header\n#include "Base.xcconfig"\n#include? "Local.xcconfig" // optional\n  A = 1 ;\nB[sdk=driverkit*][arch=arm64] = $(inherited) -x // note\nC[config=Debug,sdk=macosx*] = http://example.com\nD =\n';
  const doc = parseXcconfig(text);
  assert.deepEqual(doc.errors, []);
  assert.deepEqual(
    doc.entries.map((e) => (e.kind === 'include' ? `include${e.optional ? '?' : ''} ${e.path}` : `${e.name}${e.conditions.map((c) => `[${c.key}=${c.value}]`).join('')}=${e.value}`)),
    ['include Base.xcconfig', 'include? Local.xcconfig', 'A=1', 'B[sdk=driverkit*][arch=arm64]=$(inherited) -x', 'C[config=Debug][sdk=macosx*]=http:', 'D='],
  );
  const a = doc.entries[2]!;
  assert.equal(text.slice(a.start, a.end), 'A = 1 ;');
});

test('xcconfig reader: bad lines are errors at their line, and reading goes on', () => {
  const text = 'GOOD = 1\nNO EQUALS\n#import "x"\n#include Base.xcconfig\nX[sdk = 1\n1BAD = 2\nLAST = 3';
  const doc = parseXcconfig(text);
  assert.deepEqual(doc.errors.map((e) => text.slice(0, e.start).split('\n').length), [2, 3, 4, 5, 6]);
  assert.deepEqual(doc.entries.map((e) => (e.kind === 'setting' ? e.name : '')), ['GOOD', 'LAST']);
});

test('xcconfig reader: linear on a large file and a long line', () => {
  // A quadratic reader (a comment search to the end of the text per line) takes minutes here.
  const big = 'K = v\n'.repeat(100_000) + 'X = ' + '/'.repeat(500_000);
  const t0 = performance.now();
  const doc = parseXcconfig(big);
  assert.equal(doc.entries.length, 100_001);
  assert.ok(performance.now() - t0 < 8000, `${performance.now() - t0} ms`);
});

test('xcconfig reader: any text reads without throwing; every span is inside the text and on one line', () => {
  const piece = fc.constantFrom('A', '_B1', ' = ', '=', '[', ']', 'sdk=', ',', '*', '#include', '#include?', '"', 'x.xcconfig', '//', ';', '\n', '\r\n', '\t', '$(inherited)', 'é');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }).map((a) => a.join('')), (text) => {
      const doc = parseXcconfig(text);
      for (const s of [...doc.entries, ...doc.errors]) {
        assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length);
        assert.ok(!text.slice(s.start, s.end).includes('\n'));
      }
    }),
    { numRuns: 300 },
  );
});

test('conditions: config and sdk globs, usual architectures, unknown keys apply to nothing', () => {
  const ctx = { configuration: 'Debug', sdk: 'driverkit' };
  const c = (key: string) => splitConditionalKey(key)!.conditions;
  assert.ok(conditionsApply(c('X[sdk=driverkit*]'), ctx));
  assert.ok(!conditionsApply(c('X[sdk=macosx*]'), ctx));
  assert.ok(conditionsApply(c('X[config=Deb*][arch=x86_64]'), ctx));
  assert.ok(!conditionsApply(c('X[arch=i386]'), ctx));
  assert.ok(!conditionsApply(c('X[sdk=driverkit*]'), { configuration: 'Debug' }), 'unknown SDK: no sdk condition applies');
  assert.ok(!conditionsApply(c('X[foo=bar]'), ctx));
  assert.equal(splitConditionalKey('X[sdk=a]junk'), undefined);
  assert.deepEqual(['driverkit', 'macosx14.2', 'iphoneos', '/path/MacOSX.sdk', undefined].map(sdkFamily), ['driverkit', 'macosx', 'iphoneos', 'macosx', undefined]);
});

test('layering: project xcconfig < project < target xcconfig < target; $(inherited); conditionals win in their level; origins', () => {
  const files: Record<string, string> = {
    '/p/project.xcconfig': 'A = px\nB = px\nL = one\n',
    '/p/target.xcconfig': '#include "inc/more.xcconfig"\nB = tx\nC = tx\nL = $(inherited) three\n',
    '/p/inc/more.xcconfig': 'D = more\nE = base\nE[sdk=driverkit*] = dk\n',
  };
  const read = (path: string) => (files[path] !== undefined ? parseXcconfig(files[path]!) : undefined);
  const o = (path: string) => ({ path, start: 0, end: 1 });
  const { settings, origins, filesRead, incomplete } = layerSettings(
    [
      { kind: 'xcconfig', path: '/p/project.xcconfig' },
      { kind: 'settings', assignments: [{ name: 'A', conditions: [], value: 'p', origin: o('/p/project.pbxproj') }, { name: 'L', conditions: [], value: ['$(inherited)', 'two'] }] },
      { kind: 'xcconfig', path: '/p/target.xcconfig' },
      { kind: 'settings', assignments: [{ name: 'C', conditions: [], value: 't' }] },
    ],
    { configuration: 'Release', sdk: 'driverkit' },
    read,
  );
  assert.deepEqual({ A: settings.A, B: settings.B, C: settings.C, D: settings.D, E: settings.E, L: settings.L }, { A: 'p', B: 'tx', C: 't', D: 'more', E: 'dk', L: 'one two three' });
  assert.equal(origins.A!.path, '/p/project.pbxproj');
  assert.equal(origins.B!.path, '/p/target.xcconfig');
  assert.equal(origins.D!.path, '/p/inc/more.xcconfig');
  assert.equal(origins.C, undefined, 'the last assignment had no origin');
  assert.deepEqual([...filesRead].sort(), ['/p/inc/more.xcconfig', '/p/project.xcconfig', '/p/target.xcconfig']);
  assert.equal(incomplete, false);
});

test('includes: a cycle ends, a missing #include? is allowed, a missing #include makes the settings incomplete', () => {
  const files: Record<string, string> = {
    '/c/a.xcconfig': '#include "b.xcconfig"\nA = 1\n',
    '/c/b.xcconfig': '#include "a.xcconfig"\n#include? "none.xcconfig"\nB = 2\n',
    '/c/m.xcconfig': '#include "gone.xcconfig"\n',
  };
  const read = (path: string) => (files[path] !== undefined ? parseXcconfig(files[path]!) : undefined);
  const cyc = xcconfigAssignments('/c/a.xcconfig', read);
  assert.deepEqual(cyc.assignments.map((a) => a.name), ['B', 'A']);
  assert.equal(cyc.incomplete, false);
  assert.equal(xcconfigAssignments('/c/m.xcconfig', read).incomplete, true);
});

test('the xcconfig fixture: files through groups and SOURCE_ROOT, conditional entitlements, ids through $(inherited)', () => {
  const folder = fixturePath('xcode-xcconfig');
  const ws = workspaceFromFolder(folder);
  const model = ws.getModel();
  const dext = model.dexts.find((d) => d.name === 'Driver')!;
  const app = model.apps.find((a) => a.name === 'App')!;
  assert.deepEqual(dext.bundleIds, ['com.example.xc.driver'], 'the target xcconfig wins over the project settings');
  assert.deepEqual(app.bundleIds, ['com.example.xc.app']);
  assert.deepEqual(dext.entitlements.map((f) => f.path), [join(folder, 'Driver/Driver.entitlements')], 'the [sdk=driverkit*] value, not the [sdk=macosx*] one');
  const release = dext.target!.configurations.find((c) => c.name === 'Release')!;
  assert.equal(settingOf(dext.project!, dext.target!, release, 'OTHER_CFLAGS'), '-DPROJECT', '$(inherited) at the bottom is empty');
  assert.equal(release.origins!.PRODUCT_BUNDLE_IDENTIFIER!.path, join(folder, 'Config/Driver.xcconfig'));
  assert.deepEqual(settingValues(dext.project!, dext.target!, 'GENERATE_INFOPLIST_FILE'), ['YES'], 'through #include');
  assert.deepEqual(model.xcconfigReaders.get(join(folder, 'Config/Base.xcconfig'))?.map((f) => f.path), [join(folder, 'XC.xcodeproj/project.pbxproj')]);
});

test('an .xcconfig edit changes the model and the diagnostics of the files that depend on it', () => {
  const folder = fixturePath('xcode-xcconfig');
  const ws = workspaceFromFolder(folder);
  const xcconfig = join(folder, 'Config/Driver.xcconfig');
  const info = join(folder, 'Driver/Info.plist');
  const dependents = ws.dependentsOf(pathToUri(xcconfig)).map((f) => f.path);
  for (const f of ['Driver/Info.plist', 'Driver/Driver.entitlements', 'App/App.entitlements', 'Driver/Wrong.entitlements', 'XC.xcodeproj/project.pbxproj']) assert.ok(dependents.includes(join(folder, f)), f);
  assert.ok(ws.dependentsOf(pathToUri(join(folder, 'Config/Base.xcconfig'))).some((f) => f.path === info), 'through #include');
  const before = ws.get(pathToUri(xcconfig))!.text;
  assert.deepEqual(codesOf(diagnosticsOf(ws, xcconfig)), ['missing-usage-description']);
  // Remove the Release-only key: both configurations miss it, and the Info.plist says so.
  ws.set(pathToUri(xcconfig), before.replace(/INFOPLIST_KEY_OSBundleUsageDescription.*\n/g, ''), 2);
  assert.deepEqual(codesOf(diagnosticsOf(ws, xcconfig)), []);
  assert.ok(codesOf(diagnosticsOf(ws, info)).includes('missing-usage-description'));
  // Give it in both: silent everywhere.
  ws.set(pathToUri(xcconfig), before.replace('[config=Debug] =', '[config=Debug] = Drives it.'), 3);
  assert.deepEqual(codesOf(diagnosticsOf(ws, xcconfig)), []);
  assert.ok(!codesOf(diagnosticsOf(ws, info)).includes('missing-usage-description'));
});

test('generated Info.plist keys: merged with the file, with their sources; GENERATE_INFOPLIST_FILE = NO gives none', () => {
  const ws = workspaceFromFolder(fixturePath('xcode-generated-infoplist'));
  const byName = (n: string) => ws.getModel().dexts.find((d) => d.name === n)!;
  const generated = infoPlistKey(byName('Generated'), 'OSBundleUsageDescription');
  assert.equal(generated.presentEverywhere, true);
  assert.equal(generated.value, 'Drives the example device.');
  assert.deepEqual(generated.sources.map((s) => (s.from === 'setting' ? s.configurations.join(',') : 'file')), ['Debug', 'Release']);
  const notGenerated = infoPlistKey(byName('NotGenerated'), 'OSBundleUsageDescription');
  assert.deepEqual([notGenerated.presentEverywhere, notGenerated.missingIn], [false, ['Debug', 'Release']]);
  const fromFile = infoPlistKey(byName('Generated'), 'CFBundlePackageType');
  assert.deepEqual([fromFile.value, fromFile.sources.map((s) => s.from)], ['DEXT', ['file']]);
});

test('a key given by the file and a setting with different values has no single value', () => {
  const settings = (key: string) => `GENERATE_INFOPLIST_FILE = YES; INFOPLIST_FILE = D/Info.plist; SDKROOT = driverkit; ${key}`;
  const pbx = `{ rootObject = P; objects = { P = { isa = PBXProject; buildConfigurationList = L0; targets = (T); }; L0 = { buildConfigurations = (); };
    T = { isa = PBXNativeTarget; name = D; productType = "com.apple.product-type.driver-extension"; buildConfigurationList = L; };
    L = { buildConfigurations = (C); }; C = { name = Debug; buildSettings = { ${settings('INFOPLIST_KEY_CFBundleDisplayName = "From setting";')} }; }; }; }`;
  const ws = workspaceFromFiles({
    '/v/D.xcodeproj/project.pbxproj': pbx,
    '/v/D/Info.plist': '<plist><dict><key>CFBundleDisplayName</key><string>From file</string></dict></plist>',
  });
  const dext = ws.getModel().dexts[0]!;
  const key = infoPlistKey(dext, 'CFBundleDisplayName');
  assert.equal(key.presentEverywhere, true);
  assert.equal(key.value, undefined);
  const hover = getLanguageService(ws).doHover(pathToUri('/v/D/Info.plist'), { line: 0, character: 20 });
  assert.match(hover?.contents ?? '', /not documented/);
});

test('hover on INFOPLIST_KEY_ in project.pbxproj and on the Info.plist key names every source with its line', () => {
  const folder = fixturePath('xcode-xcconfig');
  const ws = workspaceFromFolder(folder);
  const service = getLanguageService(ws);
  const xcconfig = join(folder, 'Config/Driver.xcconfig');
  const text = ws.get(pathToUri(xcconfig))!.text;
  const line = text.split('\n').findIndex((l) => l.startsWith('INFOPLIST_KEY_OSBundleUsageDescription[config=Release]'));
  const hover = service.doHover(pathToUri(xcconfig), { line, character: 20 });
  assert.ok(hover, 'hover on the setting');
  assert.match(hover.contents, /Driver\.xcconfig` line 8, Release\): `Drives the example device\.`/);
  assert.match(hover.contents, /Driver\.xcconfig` line 9, Debug\): empty/);
  assert.match(hover.contents, /Missing in: Debug/);
  assert.equal(service.doHover(pathToUri(xcconfig), { line: 3, character: 3 }), undefined, 'other settings: nothing');
});

test('Embed System Extensions: the copy phase decides which app ships which dext; no phase: the dependencies', () => {
  const folder = fixturePath('xcode-copy-files');
  const ws = workspaceFromFolder(folder);
  const model = ws.getModel();
  const ships = (name: string) => shippedDexts(model.apps.find((a) => a.name === name)!).map((d) => d.name);
  assert.deepEqual(ships('Embeds'), ['Driver'], 'spec 16 + $(SYSTEM_EXTENSIONS_FOLDER_PATH), no dependency');
  assert.deepEqual(ships('EmbedsOther'), ['Other'], 'spec 1 + Contents/Library/SystemExtensions wins over the dependency');
  assert.deepEqual(ships('DependsOnly'), ['Driver'], 'no phase: the dependency');
  const message = diagnosticsOf(ws, join(folder, 'EmbedsOther/EmbedsOther.entitlements')).find((d) => d.code === 'app-missing-install')!.message;
  assert.match(message, /ships Other/);
});

test('files no target uses: kind plist, one information, and no phantom dext', () => {
  const folder = fixturePath('xcode-unused-entitlements');
  const ws = workspaceFromFolder(folder);
  const stray = ws.get(pathToUri(join(folder, 'App/entitlements.plist')))!;
  assert.equal(ws.kindOf(stray), 'plist');
  assert.equal(ws.getModel().dexts.length, 0);
  const diagnostics = diagnosticsOf(ws, stray.path);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['file-not-in-target', 'information']]);
  assert.match(diagnostics[0]!.message, /No target of Unused\.xcodeproj signs with this file/);
  // A target setting we cannot resolve could name it: silent.
  const pbx = join(folder, 'Unused.xcodeproj/project.pbxproj');
  const text = ws.get(pathToUri(pbx))!.text;
  ws.set(pathToUri(pbx), text.replace(/CODE_SIGN_ENTITLEMENTS = App\/App.entitlements;/, 'CODE_SIGN_ENTITLEMENTS = "$(ENTITLEMENTS_FROM_CI)";'), 2);
  assert.ok(!codesOf(diagnosticsOf(ws, stray.path)).includes('file-not-in-target'));
  assert.notEqual(ws.kindOf(stray), 'plist');
});

test('a file under a Swift package inside the project folder is that package\'s, not "in no target"', () => {
  const folder = fixturePath('xcode-unused-entitlements');
  const ws = workspaceFromFolder(folder);
  ws.set(pathToUri(join(folder, 'App/Package.swift')), '// swift-tools-version:5.9\nimport PackageDescription\nlet package = Package(name: "P")\n', 1);
  assert.ok(!codesOf(diagnosticsOf(ws, join(folder, 'App/entitlements.plist'))).includes('file-not-in-target'));
  assert.equal(getLanguageService(ws).projectNotes().length, 1);
});

test('projects we cannot read: Tuist is a note and missing-usage-description is silent; a damaged project is a diagnostic, not a note', () => {
  const tuist = workspaceFromFolder(fixturePath('xcode-tuist'));
  const notes = getLanguageService(tuist).projectNotes();
  assert.equal(notes.length, 1);
  assert.match(notes[0]!.message, /Project\.swift is a Tuist project \(Project\.swift\): DEXT Tools reads Xcode projects only/);
  assert.equal(tuist.getModel().dexts[0]!.unreadProject?.kind, 'tuist');
  const damaged = workspaceFromFolder(fixturePath('xcode-damaged'));
  assert.deepEqual(getLanguageService(damaged).projectNotes(), []);
  assert.equal(damaged.getModel().projects.length, 0, 'a damaged project contributes no targets');
  // A Package.swift that is not one (no PackageDescription import) is no note.
  const ws = workspaceFromFiles({ '/w/Package.swift': 'print("hi")\n', '/w/CMakeLists.txt': 'project(x)\n' });
  assert.deepEqual(getLanguageService(ws).projectNotes().map((n) => n.uri), [pathToUri('/w/CMakeLists.txt')]);
});

test('project reading never throws on hostile input: group cycles, bad references, deep includes', () => {
  const pbx = `{ rootObject = P; objects = { P = { isa = PBXProject; mainGroup = G1; buildConfigurationList = L0; targets = (T, X, 5); }; L0 = { buildConfigurations = (C0); };
    C0 = { name = Debug; baseConfigurationReference = F; buildSettings = {}; };
    G1 = { isa = PBXGroup; children = (G2); path = a; }; G2 = { isa = PBXGroup; children = (G1, F); path = b; };
    F = { isa = PBXFileReference; path = x.xcconfig; sourceTree = "<group>"; };
    T = { isa = PBXNativeTarget; name = D; productType = "com.apple.product-type.driver-extension"; buildConfigurationList = L; buildPhases = (Q, 7); };
    Q = { isa = PBXCopyFilesBuildPhase; dstSubfolderSpec = 16; dstPath = "$(SYSTEM_EXTENSIONS_FOLDER_PATH)"; files = (Z, (1)); };
    L = { buildConfigurations = (C); }; C = { name = Debug; buildSettings = { "A[sdk=" = 1; B = (1, (2)); }; }; }; }`;
  const files: Record<string, string> = { '/h/D.xcodeproj/project.pbxproj': pbx };
  for (let i = 0; i < 200; i++) files[`/h/c${i}.xcconfig`] = `#include "c${i + 1}.xcconfig"\nS${i} = ${i}\n`;
  const ws = workspaceFromFiles(files);
  const model = ws.getModel();
  assert.equal(model.projects.length, 1);
  assert.deepEqual(model.projects[0]!.project.targets[0]!.embeddedSystemExtensions, []);
  for (const f of ws.files()) diagnosticsOf(ws, f.path);
});
