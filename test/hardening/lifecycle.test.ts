// The LSP lifecycle as the specification states it (reliability-probe.md F8, F9) and edits tied to
// the version they were computed on (F7).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../protocol/client';
import { ENTITLEMENTS, kill, scannedServer, scratchWorkspaces } from './helpers';

const workspace = scratchWorkspaces();

/** The error code a request is answered with, or 'result' when it is served. */
async function outcome(client: LspTestClient, method: string, params?: unknown): Promise<number | 'result'> {
  try {
    await client.connection.sendRequest(method, params);
    return 'result';
  } catch (error) {
    return (error as { code: number }).code;
  }
}

test('F9: requests before initialize get -32002 (ServerNotInitialized)', async () => {
  const folder = workspace('before-init');
  const client = new LspTestClient();
  try {
    const uri = pathToFileURL(join(folder, 'Driver/Driver.entitlements')).href;
    assert.equal(await outcome(client, 'dext/rules'), -32002);
    assert.equal(await outcome(client, 'textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 10 } }), -32002);
  } finally {
    kill(client);
  }
});

test('F9: a second initialize is refused and does not replace the workspace folders', async () => {
  const folder = workspace('second-init');
  const { client } = await scannedServer(folder);
  try {
    const second = await outcome(client, 'initialize', { processId: process.pid, rootUri: 'file:///', workspaceFolders: [{ uri: 'file:///', name: 'root' }], capabilities: {} });
    assert.equal(second, -32600);
    assert.equal(await outcome(client, 'dext/rules'), 'result');
  } finally {
    kill(client);
  }
});

test('F8: after shutdown, requests get -32600 (InvalidRequest) and a didOpen publishes nothing', async () => {
  const folder = workspace('after-shutdown');
  const { client } = await scannedServer(folder);
  try {
    const uri = pathToFileURL(join(folder, 'Driver/Late.entitlements')).href;
    assert.equal(await outcome(client, 'shutdown'), 'result');
    assert.equal(await outcome(client, 'dext/rules'), -32600);
    assert.equal(await outcome(client, 'textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 10 } }), -32600);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: ENTITLEMENTS.replace('<dict>', '<dict>\n<key>a</key><true/><key>a</key><true/>') } });
    // A request sent after the notification is answered after it: by then any publication would be out.
    assert.equal(await outcome(client, 'dext/rules'), -32600);
    assert.ok(!client.published.some((p) => p.uri === uri), 'diagnostics were published after shutdown');
  } finally {
    kill(client);
  }
});

interface VersionedEdit {
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: unknown[] }[];
  changes?: unknown;
}

test('F7: with documentChanges, quick fixes and add-configuration carry the version they were computed on', async () => {
  const folder = workspace('versions');
  const { client } = await scannedServer(folder, { workspace: { workspaceEdit: { documentChanges: true } } });
  try {
    const uri = pathToFileURL(join(folder, 'Driver/Dup.entitlements')).href;
    const text = ENTITLEMENTS.replace('<dict>\n', '<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 7, text } });
    const actions = await client.connection.sendRequest<{ title: string; edit?: VersionedEdit }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 0 }, end: { line: 6, character: 0 } },
      context: { diagnostics: [], only: ['quickfix'] },
    });
    const withEdits = actions.filter((a) => a.edit);
    assert.ok(withEdits.length, 'a quick fix for the duplicate key');
    for (const a of withEdits) {
      assert.equal(a.edit!.changes, undefined, `${a.title}: unversioned changes`);
      assert.deepEqual(a.edit!.documentChanges!.map((c) => c.textDocument), [{ uri, version: 7 }], a.title);
    }
    const added = await client.connection.sendRequest<{ edit?: VersionedEdit }>('dext/addDevelopmentConfiguration', { uri, transport: 'usb' });
    assert.deepEqual(added.edit?.documentChanges?.map((c) => c.textDocument), [{ uri, version: 7 }]);
  } finally {
    kill(client);
  }
});

test('F7: without documentChanges support, edits stay plain changes', async () => {
  const folder = workspace('no-versions');
  const { client } = await scannedServer(folder);
  try {
    const uri = pathToFileURL(join(folder, 'Driver/Driver.entitlements')).href;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: ENTITLEMENTS } });
    const added = await client.connection.sendRequest<{ edit?: VersionedEdit }>('dext/addDevelopmentConfiguration', { uri, transport: 'usb' });
    assert.ok(added.edit?.changes && !added.edit.documentChanges);
  } finally {
    kill(client);
  }
});
