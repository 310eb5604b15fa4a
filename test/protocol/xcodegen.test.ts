// The built server over stdio: an edit to an XcodeGen project.yml re-validates, as you type, the
// entitlements whose checks depend on the bundle ids it gives (closed files get pushed diagnostics).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fixturePath } from '../helpers/workspace';
import { LspTestClient } from './client';

let folder: string;
let client: LspTestClient;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'dext-protocol-xcodegen-'));
  cpSync(fixturePath('xcodegen-project'), folder, { recursive: true });
  client = new LspTestClient();
  await client.initialize(folder, { textDocument: { publishDiagnostics: { versionSupport: true } } });
});

after(async () => {
  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
});

const targetIds = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.filter((d) => d.code === 'userclient-access-target').length;

test('a finding in a plist XcodeGen writes is shown in project.yml, and goes as the property is fixed', async () => {
  const specUri = pathToFileURL(join(folder, 'project.yml')).href;
  const mismatch = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.some((d) => d.code === 'userserver-name-mismatch');
  const scanned = await client.waitForDiagnostics((p) => p.uri === specUri && mismatch(p));
  const text = readFileSync(join(folder, 'project.yml'), 'utf8');
  const line = text.split('\n').findIndex((l) => l.includes('IOUserServerName: com.example.lab.Lab_Driver'));
  const found = scanned.diagnostics.find((d) => d.code === 'userserver-name-mismatch') as { range: { start: { line: number } } };
  assert.equal(found.range.start.line, line);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: specUri, languageId: 'yaml', version: 1, text } });
  // Type the dext's own bundle id (an underscore becomes a hyphen in XcodeGen's default id).
  const column = text.split('\n')[line]!.indexOf('Lab_Driver') + 3;
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: specUri, version: 2 },
    contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '-' }],
  });
  const fixed = await client.waitForDiagnostics((p) => p.uri === specUri && p.version === 2);
  assert.equal(mismatch(fixed), false);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: specUri } });
});

test('editing project.yml re-validates the apps whose userclient-access names the dext', async () => {
  const appUri = pathToFileURL(join(folder, 'App/App.entitlements')).href;
  const otherUri = pathToFileURL(join(folder, 'Other/Other.entitlements')).href;
  // The scan: the dext's id comes from bundleIdPrefix + target name (com.example.lab.Lab-Driver),
  // which App.entitlements names and Other.entitlements misspells.
  const before = await client.waitForDiagnostics((p) => p.uri === otherUri && targetIds(p) === 1);
  assert.equal(targetIds(before), 1);
  const specUri = pathToFileURL(join(folder, 'project.yml')).href;
  const text = readFileSync(join(folder, 'project.yml'), 'utf8');
  const lines = text.split('\n');
  const sdkLine = lines.findIndex((l) => l.includes('SDKROOT: driverkit'));
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: specUri, languageId: 'yaml', version: 1, text } });
  // Type the id Other.entitlements names as the dext's own: now App's entry names no dext.
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: specUri, version: 2 },
    contentChanges: [{ range: { start: { line: sdkLine + 1, character: 0 }, end: { line: sdkLine + 1, character: 0 } }, text: '        PRODUCT_BUNDLE_IDENTIFIER: com.example.lab.Lab_Driver\n' }],
  });
  const app = await client.waitForDiagnostics((p) => p.uri === appUri && targetIds(p) === 1);
  assert.equal(targetIds(app), 1);
  const other = await client.waitForDiagnostics((p) => p.uri === otherUri && targetIds(p) === 0);
  assert.equal(targetIds(other), 0);
});
