// Protocol abuse against the built server: changes for unopened documents, out-of-order versions,
// a burst of 1,000 changes (only the last version is ever published; memory comes back down).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../protocol/client';

const TEXT = (n: number) => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>Revision${n}</key>\n\t<string>${'x'.repeat(n % 50)}</string>\n\t<key>Revision${n}</key>\n\t<string>dup</string>\n</dict>\n</plist>\n`;

let folder: string;
let client: LspTestClient;
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${client.process.pid}/status`, 'utf8'))![1]) / 1024;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'dext-abuse-'));
  client = new LspTestClient();
  await client.initialize(folder, { textDocument: { publishDiagnostics: { versionSupport: true } } });
});

after(async () => {
  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
});

test('a change for a document that was never opened is ignored; the server keeps answering', async () => {
  const uri = pathToFileURL(join(folder, 'Ghost.entitlements')).href;
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: TEXT(1) }] });
  const rules = await client.connection.sendRequest<unknown[]>('dext/rules');
  assert.ok(rules.length > 10);
  assert.ok(!client.published.some((p) => p.uri === uri));
});

test('out-of-order versions: an older version arriving late is never applied or published', async () => {
  const uri = pathToFileURL(join(folder, 'Order.entitlements')).href;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: TEXT(1) } });
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: TEXT(3) }] });
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: TEXT(2) }] });
  const published = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 3);
  assert.match(published.diagnostics[0]!.message, /Revision3/);
  assert.ok(!client.published.some((p) => p.uri === uri && p.version === 2));
});

test('1,000 changes in a burst: only the last version is published, and memory returns near its baseline', async () => {
  const uri = pathToFileURL(join(folder, 'Burst.entitlements')).href;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: TEXT(1) } });
  await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
  const baseline = rssMb();
  const before = client.published.length;
  for (let v = 2; v <= 1001; v++) {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: TEXT(v) }] });
  }
  const last = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1001);
  assert.match(last.diagnostics[0]!.message, /Revision1001/);
  const burst = client.published.slice(before).filter((p) => p.uri === uri);
  // Debounced: a handful of publications at most (a loaded machine can pause the sender longer
  // than the debounce window), in version order, the last one for the last version.
  const versions = burst.map((p) => p.version ?? 0);
  assert.ok(versions.length <= 10, `intermediate versions are debounced away: ${versions.length} publications for 1,000 changes`);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
  assert.equal(versions.at(-1), 1001);
  assert.ok(rssMb() < baseline + 100, `RSS ${rssMb().toFixed(0)} MB after the burst, baseline ${baseline.toFixed(0)} MB`);
});
