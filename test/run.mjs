// Runs the test suites with Node's test runner (TypeScript through tsx). `node test/run.mjs`
// runs everything `npm test` promises; `node test/run.mjs unit protocol` runs those folders only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const suites = process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'cli', 'protocol', 'hardening', 'install', 'e2e'];

function find(dir) {
  const out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'artifacts' || name === 'fixtures') continue;
    if (statSync(path).isDirectory()) out.push(...find(path));
    else if (/\.test\.(ts|mjs|js)$/.test(name)) out.push(path);
  }
  return out.sort();
}

const files = suites.flatMap((s) => find(join(root, 'test', s)));
if (!files.length) {
  console.error(`no test files in ${suites.join(', ')}`);
  process.exit(1);
}
console.log(`running ${files.length} test files: ${suites.join(', ')}`);
// A second reporter writes TAP to a file, so the run can say once how many tests skipped for want
// of ../shared (their skip reasons name it: test/helpers/shared.ts and the real-project tests).
const tapDir = mkdtempSync(join(tmpdir(), 'dext-test-'));
const tap = join(tapDir, 'run.tap');
const result = spawnSync(
  process.execPath,
  [
    '--import', 'tsx', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files.map((f) => relative(root, f)),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR } },
);
const NAMES_SHARED = /\bshared\b/;
const skippedForShared = existsSync(tap) ? readFileSync(tap, 'utf8').split('\n').filter((l) => l.includes('# SKIP') && NAMES_SHARED.test(l.slice(l.indexOf('# SKIP')))).length : 0;
rmSync(tapDir, { recursive: true, force: true });
if (skippedForShared) {
  console.log(`\n${skippedForShared} tests skipped: they read ../shared (the real corpus and projects), which is not beside this clone. CI has it and runs them all.`);
}
process.exit(result.status ?? 1);
