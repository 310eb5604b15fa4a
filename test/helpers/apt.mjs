// Debian packages a test needs, installed on first use (CI and the developers' machines run as
// root with apt; the package lists come from Debian's own mirrors). Shared by the end-to-end
// provisioning and the install tests.
import { spawnSync } from 'node:child_process';

/** Thrown when this machine cannot be provisioned at all (not root, no apt): the test skips. */
export class ProvisionUnavailable extends Error {}

export function hasDebianPackage(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Runs a command; throws with the end of its output unless it exits 0. Returns its stdout. */
export function runChecked(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${output}`);
  }
  return result.stdout ?? '';
}

/** Installs the named Debian packages that are not installed yet (apt-get update first). */
export function installDebianPackages(names, log) {
  const missing = names.filter((p) => !hasDebianPackage(p));
  if (!missing.length) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new ProvisionUnavailable(`needs root to install Debian packages: ${missing.join(' ')}`);
  }
  if (spawnSync('apt-get', ['--version']).status !== 0) throw new ProvisionUnavailable('apt-get is not available');
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  runChecked('apt-get', ['update', '-qq'], { env });
  runChecked('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}
