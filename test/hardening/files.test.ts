// Files reached through protocol messages and a repository's config (reliability-probe.md F1–F3,
// F5, F6): FIFOs, devices, procfs files and links out of the workspace are never read, the server
// keeps answering, and what it refused is logged once.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { kill, NO_ANSWER, scannedServer, scratchWorkspaces, stillAnswers, within } from './helpers';

const workspace = scratchWorkspaces();
const uriOf = (path: string): string => pathToFileURL(path).href;
const mkfifo = (path: string): void => void execFileSync('mkfifo', [path]);
const linux = process.platform === 'linux';

test('F1: a FIFO reported by the file watcher is not opened; the server answers', async () => {
  const folder = workspace('fifo-watch');
  mkfifo(join(folder, 'Driver/Info.plist'));
  const { client } = await scannedServer(folder);
  try {
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(folder, 'Driver/Info.plist')), type: 1 }] });
    assert.ok(await stillAnswers(client), 'the server blocked in open() on the FIFO');
    assert.ok(client.logs.some((l) => /skipped .*Info\.plist is not a regular file/.test(l)), `the refusal is logged: ${client.logs.join(' | ')}`);
  } finally {
    kill(client);
  }
});

test('F1b: didClose of a FIFO that was never opened does not read it', async () => {
  const folder = workspace('fifo-close');
  mkfifo(join(folder, 'Driver/Info.plist'));
  const { client } = await scannedServer(folder);
  try {
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(join(folder, 'Driver/Info.plist')) } });
    assert.ok(await stillAnswers(client));
  } finally {
    kill(client);
  }
});

test('F1c, F2b: dext/showProfile on a FIFO or /dev/zero answers with an error', async () => {
  const folder = workspace('fifo-profile');
  mkfifo(join(folder, 'p.provisionprofile'));
  const { client } = await scannedServer(folder);
  try {
    for (const uri of [uriOf(join(folder, 'p.provisionprofile')), 'file:///dev/zero']) {
      const answer = await within(client.connection.sendRequest<{ ok: boolean }>('dext/showProfile', { uri }));
      assert.notEqual(answer, NO_ANSWER, `no answer for ${uri}`);
      assert.equal((answer as { ok: boolean }).ok, false);
    }
  } finally {
    kill(client);
  }
});

test('F1d: didOpen of "bplist" text whose file is a FIFO does not read the FIFO', async () => {
  const folder = workspace('fifo-open');
  mkfifo(join(folder, 'Driver/Q.plist'));
  const { client } = await scannedServer(folder);
  try {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(join(folder, 'Driver/Q.plist')), languageId: 'xml', version: 1, text: 'bplist00' } });
    assert.ok(await stillAnswers(client));
  } finally {
    kill(client);
  }
});

test('F2: a link to /dev/zero or a procfs file reported by the watcher is not read', { skip: !linux && 'procfs is Linux-only' }, async () => {
  const folder = workspace('dev-zero');
  symlinkSync('/dev/zero', join(folder, 'Driver/Info.plist'));
  symlinkSync('/proc/self/pagemap', join(folder, 'Driver/Other.plist'));
  const { client } = await scannedServer(folder);
  try {
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uriOf(join(folder, 'Driver/Info.plist')), type: 2 },
        { uri: uriOf(join(folder, 'Driver/Other.plist')), type: 1 },
      ],
    });
    assert.ok(await stillAnswers(client), 'the server read without bound');
  } finally {
    kill(client);
  }
});

test('F3: a config profile linked to /proc/self/pagemap does not stop the scan', { skip: !linux && 'procfs is Linux-only' }, async () => {
  const folder = workspace('pagemap');
  symlinkSync('/proc/self/pagemap', join(folder, 'pm.provisionprofile'));
  writeFileSync(join(folder, '.dextlintrc.json'), '{ "profiles": ["pm.provisionprofile"] }');
  const { client, scanned } = await scannedServer(folder);
  try {
    assert.ok(scanned, 'the scan never ended');
    assert.ok(await stillAnswers(client));
  } finally {
    kill(client);
  }
});

test('F5: configured profiles and watcher events do not follow links out of the workspace, nor quote what they read', async () => {
  const folder = workspace('outside');
  // Another scratch folder (cleaned up like the workspaces): what the links point out to.
  const outside = workspace('outside-target');
  writeFileSync(join(outside, 'token.txt'), 'TOKEN=ghp_SECRETVALUE1234567890\n');
  writeFileSync(join(outside, 'Secret.plist'), '<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n<key>api-token</key><string>ghp_SECRETVALUE</string>\n<key>api-token</key><string>ghp_SECRETVALUE</string>\n</dict>\n</plist>\n');
  symlinkSync(join(outside, 'token.txt'), join(folder, 'x.provisionprofile'));
  symlinkSync(join(outside, 'Secret.plist'), join(folder, 'Driver/Other.plist'));
  writeFileSync(join(folder, '.dextlintrc.json'), '{ "profiles": ["x.provisionprofile"] }');
  const { client } = await scannedServer(folder);
  try {
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(folder, 'Driver/Other.plist')), type: 1 }] });
    const shown = await client.connection.sendRequest<{ ok: boolean; error?: string }>('dext/showProfile', { uri: uriOf(join(folder, 'x.provisionprofile')) });
    const passwd = await client.connection.sendRequest<{ ok: boolean; error?: string }>('dext/showProfile', { uri: 'file:///etc/passwd' });
    assert.ok(await stillAnswers(client));
    const everything = JSON.stringify([client.published, shown, passwd]);
    assert.doesNotMatch(everything, /ghp_SECRET|root:x:0/, 'a file outside the workspace was read and quoted');
    assert.ok(!client.published.some((p) => p.uri.endsWith('Other.plist') && p.diagnostics.length), 'the linked plist was read');
    assert.ok(client.logs.some((l) => /x\.provisionprofile.*inside the workspace/.test(l)), `the refused config entry is logged: ${client.logs.join(' | ')}`);
  } finally {
    kill(client);
  }
});

test('F6: "profiles": ["/"] in a repository config is refused, not walked', async () => {
  const folder = workspace('root-profiles');
  writeFileSync(join(folder, '.dextlintrc.json'), '{ "profiles": ["/"] }');
  const { client, scanned } = await scannedServer(folder);
  try {
    assert.ok(scanned);
    assert.ok(client.logs.some((l) => /skipped \/: a configured profile path must lie inside the workspace/.test(l)), `logged: ${client.logs.join(' | ')}`);
  } finally {
    kill(client);
  }
});
