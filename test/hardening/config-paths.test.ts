// A `.dextlintrc.json` `profiles` entry that the safe reader refuses gets one warning on the entry
// itself, saying why (issue #20: "everything refused is reported once: a diagnostic on the config
// entry, a line in the server log and the CLI's summary"; reliability-probe.md F3, F5, F6, P4).
// Before, the refusal was a log line at best, and a missing path or a FIFO was passed over silently.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { getLanguageService, pathToUri } from '../../server/src/service';
import type { DextDiagnostic } from '../../server/src/types';
import { repoRoot } from '../helpers/workspace';
import { kill, scannedServer, scratchWorkspaces } from './helpers';

const workspace = scratchWorkspaces();
const linux = process.platform === 'linux';

/** The `config-path-unreadable` diagnostics of a workspace's config, as the CLI's service finds them. */
function configFindings(folder: string): DextDiagnostic[] {
  const service = getLanguageService();
  service.scanFolders([folder]);
  service.loadConfiguredProfiles([folder]);
  return service.doValidation(pathToUri(join(folder, '.dextlintrc.json'))).filter((d) => d.code === 'config-path-unreadable');
}

/** A file larger than the size cap, written sparse (nothing is written). */
function oversized(path: string): void {
  writeFileSync(path, '');
  truncateSync(path, 33 * 1024 * 1024);
}

/** The range of `"entry"` (quotes included) in `text`, as LSP positions on its one line. */
function entryRange(text: string, entry: string) {
  const start = text.indexOf(JSON.stringify(entry));
  const line = text.slice(0, start).split('\n').length - 1;
  const character = start - (text.lastIndexOf('\n', start - 1) + 1);
  return { start: { line, character }, end: { line, character: character + JSON.stringify(entry).length } };
}

test('each refused profiles entry gets one warning at its exact range, saying why', () => {
  const folder = workspace('config-paths');
  const outside = workspace('config-paths-outside');
  writeFileSync(join(outside, 'token.txt'), 'TOKEN=ghp_SECRET\n');
  symlinkSync(join(outside, 'token.txt'), join(folder, 'linked.provisionprofile'));
  execFileSync('mkfifo', [join(folder, 'fifo.provisionprofile')]);
  oversized(join(folder, 'huge.provisionprofile'));
  mkdirSync(join(folder, 'Signing'));
  oversized(join(folder, 'Signing/big.mobileprovision'));
  mkdirSync(join(folder, 'Fine'));
  const entries: [string, RegExp][] = [
    ['Renamed/Driver.provisionprofile', /'Renamed\/Driver\.provisionprofile' is not read: it does not exist/],
    ['fifo.provisionprofile', /'fifo\.provisionprofile' is not read: it is not a regular file/],
    ['linked.provisionprofile', /'linked\.provisionprofile' is not read: it resolves outside the workspace/],
    ['huge.provisionprofile', /'huge\.provisionprofile' is not read: it is too large/],
    ['Signing', /'Signing' is not wholly read: Signing\/big\.mobileprovision is too large/],
    ['/', /'\/' is not read: it resolves outside the workspace/],
  ];
  if (linux) {
    symlinkSync('/proc/self/pagemap', join(folder, 'pm.provisionprofile'));
    entries.push(['pm.provisionprofile', /'pm\.provisionprofile' is not read: it resolves outside the workspace/]);
  }
  // "Fine" is read (an empty folder); the repeated entry is reported once.
  const list = [...entries.map(([e]) => e), 'Fine', 'Renamed/Driver.provisionprofile'];
  const text = `{\n  // profiles kept in the repository\n  "profiles": [\n${list.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]\n}\n`;
  writeFileSync(join(folder, '.dextlintrc.json'), text);

  const found = configFindings(folder);
  assert.equal(found.length, entries.length, found.map((d) => d.message).join('\n'));
  for (const [entry, message] of entries) {
    const d = found.find((f) => f.message.includes(`'${entry}'`));
    assert.ok(d, `no diagnostic on ${entry}`);
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.range, entryRange(text, entry), entry);
    assert.match(d.message, message);
  }
  assert.doesNotMatch(JSON.stringify(found), /ghp_SECRET/);
});

test('a config whose entries are all read has no such diagnostic', () => {
  const folder = workspace('config-fine');
  mkdirSync(join(folder, 'Signing'));
  writeFileSync(join(folder, '.dextlintrc.json'), '{ "profiles": ["Signing"] }\n');
  assert.deepEqual(configFindings(folder), []);
});

test('the CLI prints the warning on the entry', () => {
  const folder = workspace('config-cli');
  const text = '{ "profiles": ["Gone"] }\n';
  writeFileSync(join(folder, '.dextlintrc.json'), text);
  const run = (format: string) => spawnSync(process.execPath, [join(repoRoot, 'bin/dextlint.js'), '--format', format, '.'], { cwd: folder, encoding: 'utf8' });
  const json = run('json');
  assert.equal(json.status, 0, json.stderr);
  const config = (JSON.parse(json.stdout) as { files: { path: string; diagnostics: { code: string; range: unknown }[] }[] }).files.find((f) => f.path === '.dextlintrc.json');
  assert.deepEqual(config?.diagnostics.map((d) => [d.code, d.range]), [['config-path-unreadable', entryRange(text, 'Gone')]]);
  assert.match(run('text').stdout, /\.dextlintrc\.json[\s\S]*1:16\s+warning\s+Profile path 'Gone' is not read: it does not exist/);
});

test('a profile the scan refused, met again through a configured folder, is told once in the summary', () => {
  const folder = workspace('config-once');
  mkdirSync(join(folder, 'Signing'));
  oversized(join(folder, 'Signing/big.mobileprovision'));
  writeFileSync(join(folder, '.dextlintrc.json'), '{ "profiles": ["Signing"] }\n');
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/dextlint.js'), '.'], { cwd: folder, encoding: 'utf8' });
  assert.match(r.stderr, /1 file skipped \(1 too-large\)/);
  assert.equal(r.stderr.split('big.mobileprovision is too large').length - 1, 1, r.stderr);
});

test('the server publishes it on the config, and clears it once the saved config names a readable path', async () => {
  const folder = workspace('config-server');
  const config = join(folder, '.dextlintrc.json');
  writeFileSync(config, '{ "profiles": ["Gone"] }\n');
  const uri = pathToFileURL(config).href;
  const { client, scanned } = await scannedServer(folder);
  try {
    assert.ok(scanned);
    const first = await client.waitForDiagnostics((p) => p.uri === uri);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['config-path-unreadable']);
    mkdirSync(join(folder, 'Signing'));
    writeFileSync(config, '{ "profiles": ["Signing"] }\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    await client.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length === 0);
  } finally {
    kill(client);
  }
});
