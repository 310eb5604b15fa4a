// `npm run package`'s VSIX: packed by @vscode/vsce from the bundles already built (npm test builds
// first), holding only what the extension needs, in a sane size, with a manifest VS Code accepts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { checkVsixEntries, readZip, type ZipEntry } from '../../scripts/vsix-contents.mjs';
import { ensureBuilt } from '../helpers/build';

const repoRoot = resolve(__dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'dext-vsix-'));
const vsix = join(scratch, 'dext-tools.vsix');
let entries: ZipEntry[] = [];

before(() => {
  ensureBuilt();
  const result = spawnSync(process.execPath, ['scripts/package-vsix.mjs', '--no-build', '--out', vsix], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  entries = readZip(readFileSync(vsix));
});

after(() => rmSync(scratch, { recursive: true, force: true }));

const entry = (path: string): ZipEntry => {
  const found = entries.find((e) => e.name.toLowerCase() === `extension/${path}`.toLowerCase());
  assert.ok(found, `the VSIX has extension/${path}`);
  return found;
};

test('the VSIX holds only the bundles, schemas, rule docs, snippets, grammars, docs and icon', (t) => {
  const names = entries.map((e) => e.name);
  t.diagnostic(`${vsix}: ${names.length} files, ${(statSync(vsix).size / 1024).toFixed(1)} KiB`);
  for (const e of entries) t.diagnostic(`  ${e.name} ${(e.size / 1024).toFixed(1)} KiB`);
  assert.deepEqual(checkVsixEntries(names), []);
  assert.ok(!names.includes('extension/dist/cli.js'), 'the CLI bundle ships in the npm package, not the VSIX');
  assert.ok(checkVsixEntries([...names, 'extension/dist/cli.js']).includes('must not ship: dist/cli.js'));
  assert.ok(!names.some((n) => n.includes('node_modules/') || n.endsWith('.map') || n.endsWith('.ts')), names.join('\n'));
  // The list agrees with unzip's own reading of the archive, when unzip is there.
  const unzip = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  if (unzip.status === 0) assert.deepEqual(unzip.stdout.trim().split('\n').sort(), [...names].sort());
});

test('every rule page in docs/rules/ ships', () => {
  const pages = spawnSync('ls', [join(repoRoot, 'docs/rules')], { encoding: 'utf8' }).stdout.trim().split('\n').filter((n) => n.endsWith('.md'));
  for (const page of pages) entry(`docs/rules/${page}`);
});

test('the VSIX is small: bundles only, no dependencies', () => {
  const size = statSync(vsix).size;
  assert.ok(size > 20 * 1024, `${size} bytes is too small to hold the bundles`);
  assert.ok(size < 3 * 1024 * 1024, `${size} bytes: something unexpected was packed`);
  const server = entry('dist/server.js');
  assert.ok(server.size > 10 * 1024, 'the server bundle is not empty');
});

test('the packed manifest starts the bundled client, activates on what it serves and supports untrusted workspaces', () => {
  const manifest = JSON.parse(entry('package.json').read().toString('utf8'));
  assert.equal(manifest.main, './dist/client.js');
  assert.ok(!manifest.activationEvents.includes('*'));
  assert.ok(manifest.activationEvents.includes('workspaceContains:**/*.entitlements'));
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(manifest.icon, 'images/icon.png');
  const icon = entry('images/icon.png').read();
  assert.equal(icon.subarray(1, 4).toString('ascii'), 'PNG');
  assert.equal(icon.readUInt32BE(16), 128, 'icon width');
  assert.equal(icon.readUInt32BE(20), 128, 'icon height');
  // Every file the manifest points at is in the package.
  const contributes = manifest.contributes;
  const paths = [
    ...contributes.grammars.map((g: { path: string }) => g.path),
    ...contributes.snippets.map((s: { path: string }) => s.path),
    ...contributes.languages.filter((l: { configuration?: string }) => l.configuration).map((l: { configuration: string }) => l.configuration),
  ];
  for (const path of paths) entry(path.replace(/^\.\//, ''));
  const vsixManifest = entries.find((e) => e.name === 'extension.vsixmanifest')!.read().toString('utf8');
  assert.match(vsixManifest, /Id="dext-tools"/);
  assert.match(vsixManifest, /Microsoft\.VisualStudio\.Code\.Engine" Value="\^1\.100\.0"/);
});

test('the packed manifest is Marketplace-ready: repository, bugs, homepage, categories, keywords; README and CHANGELOG', () => {
  const manifest = JSON.parse(entry('package.json').read().toString('utf8'));
  assert.match(manifest.repository.url, /^https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
  assert.match(manifest.bugs.url, /^https:\/\/github\.com\/.+\/issues$/);
  assert.match(manifest.homepage, /^https:\/\//);
  assert.ok(manifest.categories.includes('Linters'));
  assert.ok(manifest.keywords.includes('DriverKit'));
  assert.ok(!manifest.files.includes('bin/'), 'the manifest lists the VSIX’s files, not the npm package’s');
  assert.equal(manifest.scripts.prepack, undefined);
  const readme = entry('readme.md').read().toString('utf8');
  assert.match(readme, /!\[[^\]]*\]\(images\/screenshot-quick-fix\.png\)/);
  entry('images/screenshot-quick-fix.png');
  assert.match(readme, /code --install-extension dext-tools-[\w.<>-]+\.vsix/);
  assert.match(entry('changelog.md').read().toString('utf8'), /^## \d+\.\d+\.\d+/m);
  const vsixManifest = entries.find((e) => e.name === 'extension.vsixmanifest')!.read().toString('utf8');
  assert.match(vsixManifest, /Microsoft\.VisualStudio\.Services\.Links\.Source" Value="https:\/\/github\.com\//);
});
