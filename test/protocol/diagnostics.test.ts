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

test('pull with a result id: unchanged while the diagnostics are the same, full with a new id when they change', async () => {
  const uri = pathToFileURL(join(folder, 'Driver/Pulled.entitlements')).href;
  const text = HALF_TYPED.replace('<key>com.apple.developer.driverkit.transport.usb\n', '');
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
  type Report = { kind: string; resultId?: string; items?: PublishedDiagnostics['diagnostics'] };
  const pull = (previousResultId?: string) => client.connection.sendRequest<Report>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  const first = await pull();
  assert.equal(first.kind, 'full');
  assert.ok(first.resultId);
  // A keystroke that changes no diagnostic (a comment): the client's result still holds.
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text.replace('<dict>', '<dict><!-- note -->') }] });
  assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
  // Without a previous id (a client that lost it) the full list comes back, under the same id.
  assert.deepEqual(await pull(), first);
  // The duplicated key makes a new diagnostic: a full report under a new id.
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [{ text: text.replace('<true/>', '<true/>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>') }],
  });
  const changed = await pull(first.resultId);
  assert.equal(changed.kind, 'full');
  assert.notEqual(changed.resultId, first.resultId);
  assert.ok(changed.items!.some((d) => d.code === 'duplicate-key'), JSON.stringify(changed.items));
});

test('the editor gets the first 1,000 problems of a file and too-many-problems with the total', async () => {
  const uri = pathToFileURL(join(folder, 'Driver/Pasted.entitlements')).href;
  const entry = '\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n';
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${entry.repeat(1500)}</dict>\n</plist>\n`;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
  const report = await client.connection.sendRequest<{ items: PublishedDiagnostics['diagnostics'] }>('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(report.items.length, 1001);
  assert.equal(report.items.filter((d) => d.code === 'too-many-problems').length, 1);
  assert.match(report.items.find((d) => d.code === 'too-many-problems')!.message, /^1,499 problems in this file; the first 1,000 are shown/);
  assert.equal(report.items.filter((d) => d.code === 'duplicate-key').length, 1000);
});

type PublishedDiagnostics = import('./client').PublishedDiagnostics;
