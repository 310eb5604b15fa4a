// `npm run package`: builds the bundles (minified) and packs the extension with @vscode/vsce into
// dext-tools-<version>.vsix, then checks that the package holds exactly what it should.
// vsce packs from a staging folder holding only the files the VSIX may ship
// (ALLOWED_EXTENSION_FILES): package.json's `files` is the npm package's whitelist, and vsce refuses
// a `files` list next to a .vscodeignore, so the staged manifest carries the VSIX's own list.
//   node scripts/package-vsix.mjs [--out FILE] [--no-build]
// --no-build packs the bundles already in dist/ (the test uses it: `npm test` has just built them).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { ALLOWED_EXTENSION_FILES, checkVsixEntries, readZip } from './vsix-contents.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? args[outIndex + 1] : resolve(root, `${pkg.name}-${pkg.version}.vsix`));

function run(command, commandArgs, env = {}, cwd = root) {
  const result = spawnSync(command, commandArgs, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`${[command, ...commandArgs].join(' ')} failed (${result.status ?? result.signal})`);
    process.exit(1);
  }
}

if (!args.includes('--no-build')) run(process.execPath, ['scripts/build.mjs'], { DEXT_MINIFY: '1' });
for (const bundle of ['dist/client.js', 'dist/server.js']) {
  try {
    statSync(resolve(root, bundle));
  } catch {
    console.error(`${bundle} is missing: run npm run build first`);
    process.exit(1);
  }
}

/** Repository files (relative paths) the VSIX may ship, under the folders that can hold them. */
function extensionFiles() {
  const found = [];
  const walk = (path) => {
    const rel = relative(root, path);
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (ALLOWED_EXTENSION_FILES.some((re) => re.test(rel))) {
      found.push(rel);
    }
  };
  for (const top of readdirSync(root)) {
    if (top === 'node_modules' || top.startsWith('.')) continue;
    const path = join(root, top);
    // Top-level files, and folders whose name starts some allowed path (dist/, images/, …).
    if (statSync(path).isFile() || ALLOWED_EXTENSION_FILES.some((re) => re.source.startsWith(`^${top}\\/`))) walk(path);
  }
  return found.sort();
}

const stage = mkdtempSync(join(tmpdir(), 'dext-vsix-stage-'));
try {
  const files = extensionFiles().filter((f) => f !== 'package.json');
  for (const file of files) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(join(root, file), join(stage, file));
  }
  const { prepack: _npmOnly, ...scripts } = pkg.scripts ?? {};
  writeFileSync(join(stage, 'package.json'), JSON.stringify({ ...pkg, scripts, files }, null, 2) + '\n');
  const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
  run(
    process.execPath,
    [
      vsce,
      'package',
      '--no-dependencies', // the bundles hold every dependency
      '--no-rewrite-relative-links', // README images are shipped in images/
      '--out',
      out,
    ],
    {},
    stage,
  );
} finally {
  rmSync(stage, { recursive: true, force: true });
}

const entries = readZip(readFileSync(out));
const problems = checkVsixEntries(entries.map((e) => e.name));
if (problems.length) {
  console.error(`${out}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`${out}: ${entries.length} files, ${(statSync(out).size / 1024).toFixed(0)} KiB`);
