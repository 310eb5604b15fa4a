// `npm run package`: builds the bundles (minified) and packs the extension with @vscode/vsce into
// dext-tools-<version>.vsix, then checks that the package holds exactly what it should.
//   node scripts/package-vsix.mjs [--out FILE] [--no-build]
// --no-build packs the bundles already in dist/ (the test uses it: `npm test` has just built them).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { checkVsixEntries, readZip } from './vsix-contents.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? args[outIndex + 1] : resolve(root, `${pkg.name}-${pkg.version}.vsix`));

function run(command, commandArgs, env = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
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

const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
run(process.execPath, [
  vsce,
  'package',
  '--no-dependencies', // the bundles hold every dependency
  '--allow-missing-repository',
  '--no-rewrite-relative-links', // README images are shipped in images/
  '--out',
  out,
]);

const entries = readZip(readFileSync(out));
const problems = checkVsixEntries(entries.map((e) => e.name));
if (problems.length) {
  console.error(`${out}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`${out}: ${entries.length} files, ${(statSync(out).size / 1024).toFixed(0)} KiB`);
