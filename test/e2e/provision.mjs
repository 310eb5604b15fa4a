// Provisions what the end-to-end test needs, idempotently, into a cache outside the repo:
// Debian's Chromium and build packages (apt), and code-server from npm. Nothing may be downloaded
// from outside the package registries, so @vscode/ripgrep's download is answered from a cache
// seeded with Debian's `rg`, and the native modules are built locally.
//
//   node test/e2e/provision.mjs          provisions (or checks) and prints the paths as JSON
//
// The cache is $DEXT_E2E_CACHE or ~/.cache/dext-tools-e2e. Each step checks its own result first,
// so a second run costs a few stat calls and one `code-server --version`.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { installDebianPackages, ProvisionUnavailable, runChecked as run } from '../helpers/apt.mjs';

export { ProvisionUnavailable };

/** The last code-server release that runs on Node 20 (it is VS Code 1.100). */
export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = '/usr/bin/chromium';
const RIPGREP = '/usr/bin/rg';
const APT_BUILD_PACKAGES = ['libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'libx11-dev', 'ripgrep'];

export function cacheRoot() {
  return process.env.DEXT_E2E_CACHE || join(homedir(), '.cache', 'dext-tools-e2e');
}

function ensureAptPackages(log) {
  const packages = [...APT_BUILD_PACKAGES];
  if (!existsSync(CHROMIUM)) packages.push('chromium');
  installDebianPackages(packages, log);
  if (!existsSync(CHROMIUM) || !existsSync(RIPGREP)) throw new Error('apt-get finished but chromium or rg is still missing');
}

/** `npm_config_user_agent` as npm sets it: code-server's postinstall.sh reads the Node major from it. */
function npmUserAgent() {
  const npmVersion = run('npm', ['--version']).trim();
  return `npm/${npmVersion} node/${process.version} ${process.platform} ${process.arch}`;
}

/**
 * Answers @vscode/ripgrep's post-install download from a local cache: a folder
 * `vscode-ripgrep-cache-<package version>` in the temp directory holding
 * `ripgrep-<tag>-<target>.tar.gz` with `rg` at its root. The tag is read from the package's own
 * install script, fetched with `npm pack` (the registry), so a new version cannot silently miss.
 */
function seedRipgrepCache(codeServerDir, tmpDir, log) {
  const shrinkwrap = JSON.parse(readFileSync(join(codeServerDir, 'lib/vscode/npm-shrinkwrap.json'), 'utf8'));
  const version = shrinkwrap.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!version) throw new Error('cannot find @vscode/ripgrep in code-server’s lib/vscode/npm-shrinkwrap.json');
  const cacheDir = join(tmpDir, `vscode-ripgrep-cache-${version}`);
  if (existsSync(cacheDir) && readdirSync(cacheDir).some((n) => n.endsWith('x86_64-unknown-linux-musl.tar.gz'))) return;
  const packDir = join(tmpDir, `ripgrep-pack-${version}`);
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  const tarball = run('npm', ['pack', `@vscode/ripgrep@${version}`, '--silent'], { cwd: packDir }).trim().split('\n').pop();
  run('tar', ['xzf', tarball], { cwd: packDir });
  const script = readFileSync(join(packDir, 'package/lib/postinstall.js'), 'utf8');
  const tag = /const VERSION = '([^']+)'/.exec(script)?.[1];
  if (!tag) throw new Error('cannot read the ripgrep tag from @vscode/ripgrep’s postinstall.js');
  if (process.arch !== 'x64') throw new ProvisionUnavailable(`the ripgrep cache seeding knows x64 only, not ${process.arch}`);
  const stage = join(packDir, 'stage');
  mkdirSync(stage);
  copyFileSync(RIPGREP, join(stage, 'rg'));
  chmodSync(join(stage, 'rg'), 0o755);
  mkdirSync(cacheDir, { recursive: true });
  const asset = `ripgrep-${tag}-x86_64-unknown-linux-musl.tar.gz`;
  run('tar', ['czf', join(cacheDir, asset), '-C', stage, 'rg']);
  rmSync(packDir, { recursive: true, force: true });
  log(`seeded ${join(cacheDir, asset)} from ${RIPGREP}`);
}

function ensureCodeServer(log) {
  const root = join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
  const codeServerDir = join(root, 'node_modules', 'code-server');
  const entry = join(codeServerDir, 'out', 'node', 'entry.js');
  const done = join(root, '.provisioned');
  if (existsSync(done) && existsSync(entry)) return { root, entry };

  mkdirSync(root, { recursive: true });
  const tmpDir = join(root, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  const env = {
    ...process.env,
    TMPDIR: tmpDir,
    npm_config_user_agent: npmUserAgent(),
    npm_config_unsafe_perm: 'true',
    // node-pty's post-install runs `npx node-gyp`, which would wait for a "yes" nobody types.
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };

  const installed = existsSync(join(codeServerDir, 'package.json')) &&
    JSON.parse(readFileSync(join(codeServerDir, 'package.json'), 'utf8')).version === CODE_SERVER_VERSION;
  if (!installed) {
    log(`npm install code-server@${CODE_SERVER_VERSION} --ignore-scripts`);
    writeFileSync(join(root, 'package.json'), '{ "private": true }\n');
    run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-save'], { cwd: root, env });
  }

  const postinstallDone = join(root, '.postinstall-done');
  if (!existsSync(postinstallDone)) {
    seedRipgrepCache(codeServerDir, tmpDir, log);
    log('code-server postinstall.sh (builds VS Code’s native modules; slow)');
    run('sh', ['postinstall.sh'], { cwd: codeServerDir, env });
    writeFileSync(postinstallDone, new Date().toISOString() + '\n');
  }

  // --ignore-scripts left argon2 (code-server's password hashing) without its native binding.
  const argon2 = spawnSync(process.execPath, ['-e', 'require("argon2")'], { cwd: codeServerDir, encoding: 'utf8' });
  if (argon2.status !== 0) {
    log('npm rebuild argon2');
    run('npm', ['rebuild', 'argon2'], { cwd: root, env });
  }

  run(process.execPath, [entry, '--version'], { env: { ...process.env, TMPDIR: tmpDir } });
  writeFileSync(done, `${CODE_SERVER_VERSION} ${new Date().toISOString()}\n`);
  return { root, entry };
}

/** A lock only one process holds (test files run in parallel): a directory, created atomically. */
function withLock(fn, log) {
  mkdirSync(cacheRoot(), { recursive: true });
  const lock = join(cacheRoot(), '.lock');
  const STALE_MS = 30 * 60_000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let age = 0;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > STALE_MS) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!announced) log('waiting for another process that is provisioning');
      announced = true;
      Atomics.wait(pause, 0, 0, 250);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Provisions everything; returns the paths the test needs and how long it took. */
export function provision(log = (line) => console.error(`[provision] ${line}`)) {
  const started = Date.now();
  if (process.platform !== 'linux') throw new ProvisionUnavailable(`needs Debian Linux, not ${process.platform}`);
  if (!process.version.startsWith('v20.')) throw new ProvisionUnavailable(`code-server ${CODE_SERVER_VERSION} needs Node 20, not ${process.version}`);
  return withLock(() => {
    ensureAptPackages(log);
    const { root, entry } = ensureCodeServer(log);
    return { chromium: CHROMIUM, codeServerEntry: entry, cacheRoot: root, elapsedMs: Date.now() - started };
  }, log);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const result = provision();
    console.log(JSON.stringify(result, null, 2));
  } catch (error) {
    console.error(error instanceof ProvisionUnavailable ? `cannot provision here: ${error.message}` : error);
    process.exit(error instanceof ProvisionUnavailable ? 3 : 1);
  }
}
