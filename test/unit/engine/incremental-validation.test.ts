// Validation proportional to the edit, on real projects: for random edit sequences typed into
// their Info.plists (the test fixtures, the example project and, when ../shared is beside the
// clone, the real corpus and projects), the diagnostics of the workspace that validated after
// every edit (keeping rules' reports, checking only the parts an edit touched) equal those of a
// fresh workspace validating the final text: codes, ranges, messages, severities, fixes, related
// information. The edited file and the files that depend on it are compared.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { emptyConfig } from '../../../server/src/config';
import { allRules, ruleIds } from '../../../server/src/rules';
import { validateFile } from '../../../server/src/rules/engine/validation';
import type { Rule } from '../../../server/src/rules/types';
import { readServedFile, walkFiles } from '../../../server/src/workspace/scan';
import { pathToUri } from '../../../server/src/workspace/uri';
import { Workspace } from '../../../server/src/workspace/workspace';
import { listCorpusRepos } from '../../helpers/corpus';
import { sharedPath, sharedTests } from '../../helpers/shared';
import { fixturesDir, repoRoot } from '../../helpers/workspace';
import { contentPositions } from '../../helpers/typing';

/** A folder's served files, read once: each workspace of a property run is made from them in memory. */
interface Snapshot {
  files: { uri: string; text: string; bytes?: Uint8Array }[];
  infoPlists: string[];
}

function snapshotOf(folder: string): Snapshot {
  const files: Snapshot['files'] = [];
  for (const path of walkFiles(folder)) {
    const content = readServedFile(path);
    if (content) files.push({ uri: pathToUri(path), text: content.text, ...(content.bytes ? { bytes: content.bytes } : {}) });
  }
  const infoPlists = files.filter((f) => /Info\.plist(\.in)?$/.test(f.uri) && !f.text.startsWith('bplist')).map((f) => f.uri);
  return { files, infoPlists };
}

function workspaceOf(snapshot: Snapshot, edited?: { uri: string; text: string }): Workspace {
  const workspace = new Workspace();
  for (const f of snapshot.files) workspace.set(f.uri, f.uri === edited?.uri ? edited.text : f.text, 0, f.uri === edited?.uri ? undefined : f.bytes);
  return workspace;
}

/**
 * The registry's rules, each counting its checks: whole runs, and checks of one part for the
 * rules checked part by part. They behave as the registry's (same metadata, same parts).
 */
const checks = new Map<string, number>();
const count = (id: string) => checks.set(id, (checks.get(id) ?? 0) + 1);
const totalChecks = () => [...checks.values()].reduce((a, b) => a + b, 0);
const counted: Rule[] = allRules.map((rule) => ({
  meta: rule.meta,
  check: (context) => (count(rule.meta.id), rule.check(context)),
  ...(rule.parts ? { parts: { ...rule.parts, check: (part, shared, context) => (count(rule.meta.id), rule.parts!.check(part, shared, context)) } } : {}),
}));

function validate(workspace: Workspace, uri: string, rules: readonly Rule[]) {
  const file = workspace.get(uri);
  if (!file) return [];
  return validateFile(workspace, file, {
    config: emptyConfig(),
    rules,
    knownRuleIds: ruleIds(),
    onRuleError: (id, _uri, error) => {
      throw new Error(`rule ${id} threw on ${uri}: ${error instanceof Error ? error.stack : String(error)}`);
    },
  });
}

// What is typed into an Info.plist: characters (mostly), and the keys, values and structure the
// rules care about (personality keys, system-added keys, duplicates, PCI matches, suppressions).
const typed = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[a-zA-Z0-9.$()_-]{0,3}$/) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '\t', '\n', '\n\t\t\t', '') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'IOUserServerName', 'IOUserClass', 'IOProviderClass', 'IOClass', 'IOMatchCategory', 'IOProbeScore', 'IOUserServerCDHash', 'idVendor', 'idvendor',
      'IOResources', 'IOUserResources', 'IOUSBHostDevice', 'IOPCIDevice', 'IOUserService', 'com.apple.null.driver', '$(PRODUCT_BUNDLE_IDENTIFIER)',
      'UserClientProperties', 'OSBundleUsageDescription', 'CFBundleIdentifier', 'IOKitPersonalities', 'com.example.other', '0x', '1452', '&amp;',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '<key>IOProbeScore</key><integer>1</integer>',
      '<key>IOUserServerOneProcess</key><false/>',
      '<key>IOMatchCategory</key><string>x</string>',
      '<key>idVendor</key><string>1452</string>',
      '<key>IOUserServerCDHash</key><string>ab</string>',
      '<key>IOPCIPrimaryMatch</key><string>0x12341af4,0x5678</string>',
      '<key>CFBundleIdentifier</key><string>com.example.x</string>',
      '<key>Extra</key><dict><key>IOUserClass</key><string>X</string><key>IOProviderClass</key><string>IOPCIDevice</string></dict>',
      '<!-- dextlint-disable-next-line duplicate-key -->',
      '<!-- dextlint-disable-file personality-missing-key -->',
      '<', '</string>', '&', '</dict>', '<dict>', '<key>', '</key>',
    ),
  },
);

/** The spans of the keys' texts: renaming a key makes or removes duplicates and system-added keys. */
function keyTexts(text: string): [number, number][] {
  return [...text.matchAll(/<key>([^<]*)<\/key>/g)].map((m) => [m.index! + 5, m.index! + 5 + m[1]!.length]);
}

// A key renamed to one its dict may hold already, or to a key the rules look for.
const keyName = fc.constantFrom('CFBundleIdentifier', 'IOClass', 'IOProviderClass', 'IOUserClass', 'IOUserServerName', 'IOUserServerCDHash', 'kOSBundleDextUniqueIdentifier', 'IOMatchCategory', 'idVendor', 'IOProbeScore', 'OSBundleUsageDescription', 'IOKitPersonalities');

type Edit = [where: number, anywhere: boolean, length: number, text: string, renameKey: boolean];
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.nat(), fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat({ max: 4 }) }, { weight: 1, arbitrary: fc.nat({ max: 60 }) }), typed, fc.constant(false)) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.constant(false), fc.constant(0), keyName, fc.constant(true)) },
);

/** Tallies over a subject's runs: validations, and those that made fewer checks (rules, parts) than a fresh one. */
interface Tally {
  validations: number;
  kept: number;
}

/** The property on one Info.plist of a folder: incremental validations equal fresh ones after each edit. */
function checkSubject(snapshot: Snapshot, uri: string, numRuns: number, tally: Tally): void {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
      const workspace = workspaceOf(snapshot);
      const file = workspace.get(uri)!;
      // Opened in the editor (its text given again, as didOpen does), then validated.
      workspace.set(uri, file.text, 1);
      validate(workspace, uri, counted);
      let version = 0;
      for (const [where, anywhere, length, inserted, renameKey] of edits) {
        const text = file.text;
        const keys = renameKey ? keyTexts(text) : [];
        const inside = anywhere ? [] : contentPositions(text);
        const start = keys.length ? keys[where % keys.length]![0] : inside.length ? inside[where % inside.length]! : where % (text.length + 1);
        const end = keys.length ? keys[where % keys.length]![1] : Math.min(text.length, start + length);
        const range = { start: file.document.positionAt(start), end: file.document.positionAt(end) };
        // Range changes mostly (VS Code), sometimes the whole document (many other clients).
        const change = where % 5 === 0 ? { text: text.slice(0, start) + inserted + text.slice(end) } : { range, text: inserted };
        workspace.applyChanges(uri, [change], ++version);
        const before = totalChecks();
        const incremental = validate(workspace, uri, counted);
        const checked = totalChecks() - before;
        const fresh = workspaceOf(snapshot, { uri, text: file.text });
        const label = `${basename(uri)} after ${JSON.stringify(inserted)} at ${start}-${end} (edit ${version})`;
        assert.deepEqual(incremental, validate(fresh, uri, allRules), label);
        // What a fresh run checks: every rule, every part.
        const full = totalChecks();
        validate(workspaceOf(snapshot, { uri, text: file.text }), uri, counted);
        tally.validations++;
        if (checked < totalChecks() - full) tally.kept++;
        // The files whose checks read this one (its dext's entitlements, its apps'): fresh too.
        for (const dependent of workspace.dependentsOf(uri)) assert.deepEqual(validate(workspace, dependent.uri, allRules), validate(fresh, dependent.uri, allRules), `${label}: ${basename(dependent.uri)}`);
      }
    }),
    { numRuns },
  );
}

/** The property on every Info.plist of some folders, with tallies asserting that parts were kept. */
function folderTests(name: string, folders: string[], numRuns: number): void {
  test(`incremental validation equals a fresh one after random edits: ${name}`, () => {
    const tally: Tally = { validations: 0, kept: 0 };
    let subjects = 0;
    for (const folder of folders) {
      const snapshot = snapshotOf(folder);
      for (const uri of snapshot.infoPlists) {
        subjects++;
        checkSubject(snapshot, uri, numRuns, tally);
      }
    }
    assert.ok(subjects > 0, `no Info.plist in ${folders.map((f) => relative(repoRoot, f)).join(', ')}`);
    // The property must exercise kept reports, not only whole runs: many validations made fewer
    // checks than a fresh one. (Once an edit breaks the structure, the text is parsed whole and
    // every rule checks everything until the problems are gone: a third to a half of these runs.)
    assert.ok(tally.kept > tally.validations / 4, `${tally.kept} of ${tally.validations} validations kept reports`);
  });
}

const fixtureFolders = [join(repoRoot, 'examples'), ...readdirSync(fixturesDir).map((name) => join(fixturesDir, name))];
folderTests('the example project and the test fixtures', fixtureFolders, 12);

sharedTests('incremental validation equals a fresh one after random edits: the shared corpus and real projects', () => {
  folderTests('the shared corpus', listCorpusRepos(), 12);
  const realworld = sharedPath('realworld');
  folderTests(
    'the shared real projects',
    readdirSync(realworld, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(realworld, d.name)),
    8,
  );
});
