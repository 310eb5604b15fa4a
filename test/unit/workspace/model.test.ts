// The workspace model: classification without configuration, products from Xcode targets and
// from folders, bundle ids, incremental updates.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { modelFactsOf, type Product } from '../../../server/src/workspace/model';
import { pathToUri } from '../../../server/src/workspace/uri';
import type { Workspace } from '../../../server/src/workspace/workspace';
import { repoRoot, workspaceFromFiles, workspaceFromFolder } from '../../helpers/workspace';

const example = join(repoRoot, 'examples/SensorKit');
const get = (ws: ReturnType<typeof workspaceFromFolder>, rel: string, base = example) => ws.get(pathToUri(join(base, rel)))!;

test('the example project: targets claim their files; bundle ids resolve through project settings', () => {
  const ws = workspaceFromFolder(example);
  const model = ws.getModel();
  assert.equal(model.dexts.length, 1);
  assert.equal(model.apps.length, 1);
  const dext = model.dexts[0]!;
  assert.deepEqual(dext.bundleIds, ['com.example.sensorkit.driver']);
  assert.equal(dext.infoPlist, get(ws, 'SensorDriver/Info.plist'));
  assert.deepEqual(dext.entitlements, [get(ws, 'SensorDriver/SensorDriver.entitlements')]);
  assert.deepEqual(dext.sources.map((f) => f.path.slice(example.length + 1)).sort(), [
    'SensorDriver/SensorDriver.cpp',
    'SensorDriver/SensorDriver.iig',
    'SensorDriver/SensorUserClient.cpp',
    'SensorDriver/SensorUserClient.iig',
  ]);
  assert.deepEqual(dext.apps, [model.apps[0]]);
  assert.deepEqual(model.apps[0]!.dexts, [dext]);
  assert.equal(ws.kindOf(get(ws, 'SensorDriver/SensorDriver.entitlements')), 'dext-entitlements');
  assert.equal(ws.kindOf(get(ws, 'SensorApp/SensorApp.entitlements')), 'app-entitlements');
  assert.equal(ws.kindOf(get(ws, 'SensorDriver/Info.plist')), 'dext-info-plist');
  assert.equal(ws.kindOf(get(ws, 'SensorApp/Info.plist')), 'plist');
  assert.equal(ws.kindOf(get(ws, 'SensorDriver/SensorDriver.iig')), 'iig');
  assert.equal(ws.kindOf(get(ws, 'SensorKit.xcodeproj/project.pbxproj')), 'pbxproj');
});

const PLIST = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${body}</dict>\n</plist>\n`;

test('without a project: content decides, folders group, literal bundle ids are used', () => {
  const ws = workspaceFromFiles({
    '/p/Driver/Info.plist': PLIST('<key>CFBundleIdentifier</key><string>com.x.driver</string><key>IOKitPersonalities</key><dict><key>P</key><dict><key>IOUserClass</key><string>D</string></dict></dict>'),
    '/p/Driver/Driver.entitlements': PLIST('<key>com.apple.developer.driverkit.transport.usb</key><true/>'),
    '/p/App/App.entitlements': PLIST('<key>com.apple.developer.system-extension.install</key><true/>'),
    '/p/App/Other.plist': PLIST('<key>Foo</key><string>bar</string>'),
    '/p/Driver/entitlements.plist': PLIST(''),
  });
  const model = ws.getModel();
  assert.equal(model.dexts.length, 1);
  const dext = model.dexts[0]!;
  assert.deepEqual(dext.bundleIds, ['com.x.driver']);
  assert.deepEqual(dext.entitlements.map((f) => f.path).sort(), ['/p/Driver/Driver.entitlements', '/p/Driver/entitlements.plist']);
  assert.equal(model.apps.length, 1);
  assert.deepEqual(model.apps[0]!.dexts, [dext], 'sibling folders pair an app with a dext');
  assert.equal(ws.kindOf(ws.get(pathToUri('/p/App/Other.plist'))!), 'plist');
});

test('a personality-less plist or a variable bundle id gives no bundle id', () => {
  const ws = workspaceFromFiles({
    '/q/D/Info.plist': PLIST('<key>CFBundleIdentifier</key><string>$(PRODUCT_BUNDLE_IDENTIFIER)</string><key>IOKitPersonalities</key><dict><key>P</key><dict><key>IOUserServerName</key><string>com.apple.null.driver</string></dict></dict>'),
  });
  assert.deepEqual(ws.getModel().dexts[0]!.bundleIds, []);
});

test('updates are incremental: parses are cached per version and the model follows a change', () => {
  const ws = workspaceFromFiles({
    '/r/D/Info.plist': PLIST('<key>CFBundleIdentifier</key><string>com.x.one</string><key>IOKitPersonalities</key><dict><key>P</key><dict><key>IOUserClass</key><string>D</string></dict></dict>'),
    '/r/D/D.entitlements': PLIST('<key>com.apple.developer.driverkit</key><true/>'),
  });
  const ent = ws.get(pathToUri('/r/D/D.entitlements'))!;
  const before = ent.plist;
  assert.deepEqual(ws.getModel().dexts[0]!.bundleIds, ['com.x.one']);
  const info = ws.get(pathToUri('/r/D/Info.plist'))!;
  ws.set(info.uri, info.text.replace('com.x.one', 'com.x.two'), 2);
  assert.deepEqual(ws.getModel().dexts[0]!.bundleIds, ['com.x.two']);
  assert.equal(ent.plist, before, 'an unchanged file is not re-parsed');
  assert.deepEqual(ws.dependentsOf(info.uri).map((f) => f.path), ['/r/D/D.entitlements']);
});

/** The model as plain data: each file's kind and product (name, kind, bundle ids, linked files). */
function modelSnapshot(ws: Workspace): unknown {
  const model = ws.getModel();
  const product = (p: Product | undefined) =>
    p && { kind: p.kind, name: p.name, folder: p.folder, bundleIds: p.bundleIds, info: p.infoPlist?.path, entitlements: p.entitlements.map((f) => f.path), linked: (p.kind === 'dext' ? p.apps : p.dexts).map((x) => x.name) };
  const files = [...ws.files()].map((f) => [f.path, model.kinds.get(f), product(model.productOf.get(f))]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  // filesOfKind is kept per model: it must follow the model's kinds.
  const byKind = [...new Set(model.kinds.values())].sort().map((kind) => [kind, ws.filesOfKind(kind).map((f) => f.path).sort()]);
  return { files, byKind };
}

test('a keystroke that changes no linking fact keeps the model; one that does rebuilds it', () => {
  const ws = workspaceFromFiles({
    '/r/D/Info.plist': PLIST('<key>CFBundleIdentifier</key><string>com.x.one</string><key>IOKitPersonalities</key><dict><key>P</key><dict><key>IOUserClass</key><string>D</string></dict></dict>'),
    '/r/D/D.entitlements': PLIST('<key>com.apple.developer.driverkit</key><true/>'),
    '/r/D/D.iig': 'class D : public IOService {};',
  });
  const info = ws.get(pathToUri('/r/D/Info.plist'))!;
  const model = ws.getModel();
  ws.set(info.uri, info.text.replace('<key>P</key>', '<key>Personality</key>'), 2);
  assert.equal(ws.getModel(), model, 'renaming a personality links nothing differently');
  ws.set(pathToUri('/r/D/D.iig'), 'class D : public IOService { };', 2);
  assert.equal(ws.getModel(), model, '.iig contents do not link');
  ws.set(info.uri, info.text.replace('com.x.one', 'com.x.two'), 3);
  assert.notEqual(ws.getModel(), model, 'a literal bundle id is a linking fact');
  assert.deepEqual(ws.getModel().dexts[0]!.bundleIds, ['com.x.two']);
  const ent = ws.get(pathToUri('/r/D/D.entitlements'))!;
  const before = ws.getModel();
  ws.set(ent.uri, PLIST('<key>com.apple.developer.system-extension.install</key><true/>'), 2);
  assert.notEqual(ws.getModel(), before, 'an entitlements file that changes side is relinked');
});

test('after any sequence of edits, the kept model equals a model built from scratch', () => {
  const variants: Record<string, string[]> = {
    '/r/D/Info.plist': [
      PLIST('<key>CFBundleIdentifier</key><string>com.x.d</string><key>IOKitPersonalities</key><dict><key>P</key><dict><key>IOUserClass</key><string>D</string></dict></dict>'),
      PLIST('<key>CFBundleIdentifier</key><string>com.x.e</string><key>IOKitPersonalities</key><dict><key>Q</key><dict><key>IOUserServerName</key><string>com.x.e</string></dict></dict>'),
      PLIST('<key>IOKitPersonalities</key><dict><key>Q</key><dict><key>IOUserServerName</key><string>com.x.f</string></dict></dict>'),
      PLIST('<key>CFBundleName</key><string>not a dext</string>'),
      '<plist><dict><key>IOKitPersonalities',
    ],
    '/r/D/D.entitlements': [PLIST('<key>com.apple.developer.driverkit</key><true/>'), PLIST(''), PLIST('<key>com.apple.developer.system-extension.install</key><true/>')],
    '/r/App/App.entitlements': [PLIST('<key>com.apple.developer.system-extension.install</key><true/>'), PLIST('<key>com.apple.developer.driverkit</key><true/>')],
    '/r/App/Info.plist': [PLIST('<key>CFBundleIdentifier</key><string>com.x</string>'), PLIST('<key>CFBundlePackageType</key><string>DEXT</string>')],
  };
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...Object.keys(variants)), fc.nat()), { maxLength: 12 }), (edits) => {
      const ws = workspaceFromFiles(Object.fromEntries(Object.entries(variants).map(([path, texts]) => [path, texts[0]!])));
      ws.getModel();
      edits.forEach(([path, n], i) => {
        const texts = variants[path]!;
        ws.set(pathToUri(path), texts[n % texts.length]!, i + 2);
        if (n % 2) ws.getModel();
        if (n % 3 === 0) ws.filesOfKind('dext-info-plist');
      });
      const fresh = workspaceFromFiles(Object.fromEntries([...ws.files()].map((f) => [f.path, f.text])));
      assert.deepEqual(modelSnapshot(ws), modelSnapshot(fresh));
    }),
    { numRuns: 200 },
  );
});

test('the model built in steps is the model built at once; a file that comes in between is in it', () => {
  const ws = workspaceFromFolder(example);
  const steps = ws.modelSteps();
  for (let i = 0; i < 3; i++) assert.equal(steps.next().done, false);
  // A dext's Info.plist arrives mid-build (an editor opens it): the build started is stale.
  const late = pathToUri('/elsewhere/Late/Info.plist');
  ws.set(late, '<plist version="1.0"><dict><key>CFBundlePackageType</key><string>DEXT</string></dict></plist>');
  let step = steps.next();
  while (!step.done) step = steps.next();
  assert.equal(step.value, ws.getModel(), 'the model kept is the one steps built');
  assert.equal(step.value.kinds.get(ws.get(late)!), 'dext-info-plist', 'the model was built from the files before it came');
  const once = workspaceFromFolder(example).getModel();
  const shape = (m: typeof once) => [...m.kinds].map(([f, k]) => `${f.path}=${k}`).sort();
  assert.deepEqual(shape(step.value).filter((k) => !k.startsWith('/elsewhere/')), shape(once));
});

test('after typing anywhere in Info.plists and entitlements, the facts kept from the edits equal facts read afresh', () => {
  // Two personalities without a top-level bundle id (the ids come from IOUserServerName), so an
  // edit of a personality's keys or server name changes the facts, and one of its other values does not.
  const personality = (name: string, server: string) =>
    `<key>${name}</key><dict><key>IOClass</key><string>IOUserService</string><key>IOUserServerName</key><string>${server}</string><key>IOUserClass</key><string>D</string><key>idVendor</key><integer>1452</integer></dict>`;
  const texts: Record<string, string> = {
    '/r/D/Info.plist': PLIST(`<key>CFBundleName</key><string>D</string><key>IOKitPersonalities</key><dict>${personality('P', 'com.x.d')}${personality('Q', 'com.x.d')}</dict><key>CFBundlePackageType</key><string>DEXT</string>`),
    '/r/D/D.entitlements': PLIST('<key>com.apple.developer.driverkit</key><true/><key>com.apple.developer.driverkit.transport.usb</key><array><dict><key>idVendor</key><integer>1</integer></dict></array>'),
    // A dext by its package type alone, with a literal bundle id.
    '/r/E/Info.plist': PLIST('<key>CFBundlePackageType</key><string>DEXT</string><key>CFBundleIdentifier</key><string>com.x.e</string>'),
  };
  const typed = fc.constantFrom('x', '.', 'IOUserServerName', 'IOUserClass', 'CFBundleIdentifier', 'DEXT', '<', '</dict>', '');
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...Object.keys(texts)), fc.nat(), fc.nat({ max: 3 }), typed), { minLength: 1, maxLength: 10 }), (edits) => {
      const ws = workspaceFromFiles(texts);
      ws.getModel();
      edits.forEach(([path, at, length, inserted], i) => {
        const file = ws.get(pathToUri(path))!;
        // Mostly inside an element's text (where typing happens), sometimes anywhere.
        const gaps = [...file.text.matchAll(/>([^<]+)</g)].map((m) => m.index! + 1 + (at % m[1]!.length));
        const start = at % 4 && gaps.length ? gaps[at % gaps.length]! : at % (file.text.length + 1);
        const range = { start: file.document.positionAt(start), end: file.document.positionAt(Math.min(file.text.length, start + length)) };
        ws.applyChanges(file.uri, [{ range, text: inserted }], i + 2);
        ws.getModel();
      });
      const fresh = workspaceFromFiles(Object.fromEntries([...ws.files()].map((f) => [f.path, f.text])));
      for (const file of ws.files()) assert.equal(modelFactsOf(file), modelFactsOf(fresh.get(file.uri)!), file.path);
      assert.deepEqual(modelSnapshot(ws), modelSnapshot(fresh));
    }),
    { numRuns: 300 },
  );
});
