// Protocol abuse from the inside: a rule that throws, behind the real LSP adapter. The built server
// runs only the registry's rules (none of which throws on purpose), so this test runs the adapter
// in this process over an in-memory stream pair, with one broken rule added to the registry's.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp/server';
import { allRules } from '../../server/src/rules';
import type { Rule } from '../../server/src/rules/types';

const broken: Rule = {
  meta: {
    id: 'test-broken-rule',
    defaultSeverity: 'error',
    appliesTo: ['dext-entitlements', 'app-entitlements'],
    fixable: false,
    sources: [],
    docs: { summary: 'Throws.', what: 'Throws.', why: 'A test.', example: '', fix: '' },
  },
  check() {
    throw new Error('a bug in a rule');
  },
};

const TEXT = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n</dict>\n</plist>\n';

test('a rule that throws is isolated and logged; the other rules still report, and the server keeps answering', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'dext-broken-rule-'));
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, { rules: [broken, ...allRules] });
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const logs: string[] = [];
  const published: { uri: string; diagnostics: { code: string }[] }[] = [];
  client.onNotification('window/logMessage', (m: { message: string }) => {
    logs.push(m.message);
  });
  client.onNotification('textDocument/publishDiagnostics', (p: (typeof published)[0]) => {
    published.push(p);
  });
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  try {
    await client.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(folder).href, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'broken' }], capabilities: {} });
    await client.sendNotification('initialized', {});
    const uri = pathToFileURL(join(folder, 'Driver', 'Driver.entitlements')).href;
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: TEXT } });
    const deadline = Date.now() + 10_000;
    while (!published.some((p) => p.uri === uri) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const codes = published.find((p) => p.uri === uri)?.diagnostics.map((d) => d.code) ?? [];
    assert.ok(codes?.includes('duplicate-key'), `the other rules still report: ${JSON.stringify(codes)}`);
    assert.ok(!codes.includes('test-broken-rule'));
    assert.ok(logs.some((l) => l.includes('test-broken-rule failed') && l.includes('a bug in a rule')), `logged: ${JSON.stringify(logs)}`);
    // Still answering requests after the failure.
    const hover = await client.sendRequest<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 10 } });
    assert.ok(hover, 'hover answers after a rule failed');
  } finally {
    client.dispose();
    server.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});
