// The npm package as a user installs it: `npm pack` (prepack builds the bundles), then
// `npm install -g` of the tarball into an empty prefix with npm offline. The tarball holds only
// what the CLI and the server need and declares no dependency; the installed `dextlint` finds the
// example's deliberate mistakes and the installed `dext-language-server` publishes the same
// findings over LSP.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from '../helpers/build';
import { repoRoot } from '../helpers/workspace';
import { dextlint } from '../cli/helpers';
import { LspTestClient } from '../protocol/client';
import { installPackage, kib, offlineEnv, run, runOk, type InstalledPackage } from './artefacts';

interface JsonOutput {
  files: { path: string; diagnostics: { code: string; severity: string; range: { start: { line: number } } }[] }[];
}

/** What the tarball may hold, and must. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^bin\/(dextlint|dext-language-server)\.js$/,
  /^dist\/(cli|server)\.js$/,
  /^schemas\/[\w-]+\.(jsonc|md)$/,
  /^docs\/rules\/[\w-]+\.md$/,
];
const REQUIRED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'bin/dextlint.js', 'bin/dext-language-server.js', 'dist/cli.js', 'dist/server.js', 'schemas/README.md'];

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
let installed: InstalledPackage;

before(() => {
  ensureBuilt(); // for the repository's own CLI, the reference the installed one is compared with
  installed = installPackage();
});

after(() => installed?.dispose());

const installedCli = (args: string[], cwd = join(repoRoot, 'examples')) => run(installed.bin.dextlint, args, { cwd, env: offlineEnv() });

test('the tarball holds the bundles, bins, schemas, rule docs and the package docs only', (t) => {
  const paths = installed.tarball.files.map((f) => f.path).sort();
  t.diagnostic(`${installed.tarball.path}: ${paths.length} files, ${kib(installed.tarball.size)}`);
  for (const f of installed.tarball.files) t.diagnostic(`  ${f.path} ${kib(f.size)}`);
  assert.deepEqual(paths.filter((p) => !ALLOWED.some((re) => re.test(p))), [], 'files that must not ship');
  for (const required of REQUIRED) assert.ok(paths.includes(required), `missing ${required}`);
  const schemas = readdirSync(join(repoRoot, 'schemas')).map((n) => `schemas/${n}`);
  const rulePages = readdirSync(join(repoRoot, 'docs/rules')).map((n) => `docs/rules/${n}`);
  for (const shipped of [...schemas, ...rulePages]) assert.ok(paths.includes(shipped), `missing ${shipped}`);
  // Minified bundles (prepack) and nothing else sizeable: the whole package stays small.
  assert.ok(installed.tarball.size < 1024 * 1024, `${kib(installed.tarball.size)}: something unexpected was packed`);
  const server = installed.tarball.files.find((f) => f.path === 'dist/server.js')!;
  assert.ok(server.size > 50 * 1024, 'the server bundle carries its dependencies');
});

test('the packed manifest is publishable and installs nothing else: the bundles carry every dependency', () => {
  const manifest = JSON.parse(readFileSync(join(installed.packageDir, 'package.json'), 'utf8'));
  assert.equal(manifest.private, undefined);
  assert.deepEqual(manifest.dependencies ?? {}, {});
  assert.deepEqual(manifest.bin, { dextlint: 'bin/dextlint.js', 'dext-language-server': 'bin/dext-language-server.js' });
  assert.match(manifest.engines.node, /^>=\d+/);
  // The global install created the package and nothing beside it.
  assert.deepEqual(readdirSync(join(installed.prefix, 'lib', 'node_modules')), ['dext-tools']);
  assert.deepEqual(readdirSync(installed.packageDir).filter((n) => n === 'node_modules'), []);
});

test('the installed dextlint reports exactly the example project’s commented mistakes, exit 1', () => {
  const r = installedCli(['--format', 'json', '.']);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout) as JsonOutput;
  // Each deliberate mistake in examples/ is marked by a MISTAKE comment: one finding each.
  const mistakes = new Map<string, number>();
  for (const f of out.files) {
    const marked = readFileSync(join(repoRoot, 'examples', f.path), 'utf8').match(/MISTAKE:/g)?.length ?? 0;
    if (marked) mistakes.set(f.path, marked);
  }
  const found = new Map(out.files.filter((f) => f.diagnostics.length).map((f) => [f.path, f.diagnostics.length]));
  assert.ok(found.size > 0);
  assert.deepEqual(found, mistakes);
  // And the same findings as the repository's own build.
  const reference = dextlint(['--format', 'json', '.'], join(repoRoot, 'examples'));
  assert.deepEqual(out, JSON.parse(reference.stdout));
  // The default text format names the rules too.
  const text = installedCli(['examples/'], repoRoot);
  assert.equal(text.status, 1);
  for (const f of out.files) for (const d of f.diagnostics) assert.ok(text.stdout.includes(d.code), `${d.code} in:\n${text.stdout}`);
});

test('the installed dextlint: --version, --help, --explain from the shipped docs, exit 2 on a usage error', () => {
  const version = installedCli(['--version']);
  assert.equal(version.status, 0);
  assert.equal(version.stdout.trim(), pkg.version);
  const help = installedCli(['--help']);
  assert.equal(help.status, 0);
  for (const format of ['text', 'json', 'sarif', 'xcode', 'github']) assert.ok(help.stdout.includes(format), `--help names ${format}`);
  assert.match(help.stdout, /Exit status: 0 .*, 1 .*, 2 usage error/);
  assert.ok(help.stdout.includes(join(installed.packageDir, 'docs', 'rules')), 'the shipped rule docs');
  assert.match(help.stdout, /https:\/\/\S+\/docs\/rules/);
  const explain = installedCli(['--explain', 'queue-not-registered']);
  assert.equal(explain.status, 0, explain.stderr);
  assert.match(explain.stdout, /^# `?queue-not-registered/m);
  for (const bad of [['--format', 'html'], ['--bogus'], ['--explain', 'no-such-rule']]) {
    const r = installedCli(bad);
    assert.equal(r.status, 2, `${bad.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^dextlint: /);
  }
});

test('the installed dext-language-server --stdio: initialize, then the example’s findings published per file', async () => {
  const folder = join(installed.scratch, 'workspace');
  cpSync(join(repoRoot, 'examples'), folder, { recursive: true });
  const expected = JSON.parse(dextlint(['--format', 'json', '.'], folder).stdout) as JsonOutput;
  const client = new LspTestClient({ server: { command: installed.bin.server, env: offlineEnv() } });
  try {
    const { capabilities } = await client.initialize(folder);
    assert.ok(capabilities.textDocumentSync, JSON.stringify(capabilities));
    // The scan publishes the files that have findings.
    const withFindings = expected.files.filter((f) => f.diagnostics.length);
    assert.ok(withFindings.length > 0);
    for (const file of withFindings) {
      const uri = pathToFileURL(join(folder, file.path)).href;
      const published = await client.waitForDiagnostics((p) => p.uri === uri);
      assert.deepEqual(
        published.diagnostics.map((d) => [d.code, d.range.start.line]).sort(),
        file.diagnostics.map((d) => [d.code, d.range.start.line]).sort(),
        file.path,
      );
    }
    const others = client.published.filter((p) => !withFindings.some((f) => p.uri === pathToFileURL(join(folder, f.path)).href));
    assert.deepEqual(others.flatMap((p) => p.diagnostics), [], 'no findings elsewhere');
  } finally {
    await client.shutdown();
  }
  assert.equal(client.process.exitCode, 0, 'the server exits cleanly after shutdown/exit');
});

test('per project and without installing, as the README shows: npm install -D then npx dextlint; npx --package', () => {
  // A project of the user's with the package as a dev dependency, and an npm cache of its own
  // (empty, offline): the tarball alone must be enough.
  const project = join(installed.scratch, 'project');
  cpSync(join(repoRoot, 'examples'), project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-dext-project', version: '1.0.0', private: true }, null, 2));
  const env = offlineEnv({ npm_config_cache: join(installed.scratch, 'npm-cache') });
  runOk('npm', ['install', '-D', installed.tarball.path], { cwd: project, env });
  const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  assert.ok(manifest.devDependencies?.['dext-tools'], JSON.stringify(manifest));
  // The package and nothing else in the project's node_modules (.bin and npm's lock aside).
  assert.deepEqual(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.')), ['dext-tools']);
  const reference = JSON.parse(dextlint(['--format', 'json', '.'], project).stdout);
  const local = run('npx', ['dextlint', '--format', 'json', '.'], { cwd: project, env });
  assert.equal(local.status, 1, local.stderr);
  assert.deepEqual(JSON.parse(local.stdout), reference);

  // npx --package: npm fetches the package into its own cache and runs it, nothing installed here.
  const elsewhere = join(installed.scratch, 'elsewhere');
  mkdirSync(elsewhere);
  cpSync(join(repoRoot, 'examples'), join(elsewhere, 'examples'), { recursive: true });
  const once = run('npx', ['--yes', '--package', installed.tarball.path, 'dextlint', '--format', 'json', 'examples'], { cwd: elsewhere, env });
  assert.equal(once.status, 1, once.stderr);
  assert.ok(JSON.parse(once.stdout).files.some((f: { diagnostics: unknown[] }) => f.diagnostics.length > 0), once.stdout);
  assert.deepEqual(readdirSync(elsewhere), ['examples'], 'npx installed nothing into the folder');
  const version = run('npx', ['--yes', '--package', installed.tarball.path, 'dextlint', '--version'], { cwd: elsewhere, env });
  assert.equal(version.stdout.trim(), pkg.version, version.stderr);
});
