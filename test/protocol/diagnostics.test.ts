// The built server over stdio: a half-typed entitlements file gets `plist-syntax` at the right
// position through push diagnostics and through pull diagnostics, and edits update them.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fixturePath } from '../helpers/workspace';
import { LspTestClient } from './client';

const HALF_TYPED = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>com.apple.developer.driverkit</key>
	<true/>
	<key>com.apple.developer.driverkit.transport.usb
</dict>
</plist>
`;

let folder: string;
let client: LspTestClient;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'dext-protocol-'));
  cpSync(fixturePath('plist-basics'), folder, { recursive: true });
  client = new LspTestClient();
  await client.initialize(folder, { window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } });
});

after(async () => {
  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
});

test('the workspace scan publishes diagnostics of files on disk', async () => {
  const uri = pathToFileURL(join(folder, 'Driver/Driver.entitlements')).href;
  const published = await client.waitForDiagnostics((p) => p.uri === uri);
  assert.deepEqual(published.diagnostics.filter((d) => d.code === 'duplicate-key').map((d) => d.range.start), [{ line: 4, character: 1 }]);
});

test('a half-typed entitlements file gets plist-syntax by push and by pull, at the same position', async () => {
  const uri = pathToFileURL(join(folder, 'Driver/New.entitlements')).href;
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'xml', version: 1, text: HALF_TYPED },
  });
  const pushed = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
  const pushedSyntax = pushed.diagnostics.filter((d) => d.code === 'plist-syntax');
  assert.ok(pushedSyntax.length > 0, JSON.stringify(pushed.diagnostics));
  // The unterminated <key> on line 6 (0-based 5) is the first problem.
  assert.equal(pushedSyntax[0]!.range.start.line, 5);
  assert.equal(pushedSyntax[0]!.severity, 1);

  const pulled = await client.connection.sendRequest<{ kind: string; items: PublishedDiagnostics['diagnostics'] }>('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(pulled.kind, 'full');
  assert.deepEqual(
    pulled.items.filter((d) => d.code === 'plist-syntax').map((d) => d.range),
    pushedSyntax.map((d) => d.range),
  );
});

test('an incremental edit that completes the key clears plist-syntax; only the newest version is published', async () => {
  const uri = pathToFileURL(join(folder, 'Driver/New.entitlements')).href;
  // Line 5 (0-based): close the key and give it a value, in two quick edits.
  const end = HALF_TYPED.split('\n')[5]!.length;
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 5, character: end }, end: { line: 5, character: end } }, text: '</key>' }],
  });
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line: 5, character: end + 6 }, end: { line: 5, character: end + 6 } }, text: '\n\t<array><dict><key>idVendor</key><string>*</string></dict></array>' }],
  });
  const published = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 3);
  assert.deepEqual(published.diagnostics.filter((d) => d.code === 'plist-syntax'), []);
  assert.ok(!client.published.some((p) => p.uri === uri && p.version === 2), 'the intermediate version was debounced away');
});

type PublishedDiagnostics = import('./client').PublishedDiagnostics;
