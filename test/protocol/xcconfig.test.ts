// The built server over stdio: an edit to an .xcconfig re-validates, as you type, the files whose
// build settings it gives (the dext's Info.plist, closed, gets pushed diagnostics), and the scan
// status tells once about a project it cannot read (a Tuist Project.swift).
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
const scanEnds: { files: number; notes?: string[] }[] = [];

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'dext-protocol-xcconfig-'));
  cpSync(fixturePath('xcode-xcconfig'), folder, { recursive: true });
  cpSync(fixturePath('xcode-tuist'), join(folder, 'tuist'), { recursive: true });
  client = new LspTestClient();
  client.connection.onNotification('dext/scanStatus', (s: { state: string; files: number; notes?: string[] }) => {
    if (s.state === 'end') scanEnds.push(s);
  });
  await client.initialize(folder, { textDocument: { publishDiagnostics: { versionSupport: true } } });
});

after(async () => {
  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
});

const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => d.code);

test('the scan: the empty Debug key is reported on its .xcconfig line; the Tuist project is one note', async () => {
  const uri = pathToFileURL(join(folder, 'Config/Driver.xcconfig')).href;
  const published = await client.waitForDiagnostics((p) => p.uri === uri);
  assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.line]), [['missing-usage-description', 8]]);
  const deadline = Date.now() + 10000;
  while (!scanEnds.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(scanEnds.length, 1);
  assert.equal(scanEnds[0]!.notes?.length, 1);
  assert.match(scanEnds[0]!.notes![0]!, /tuist\/Project\.swift is a Tuist project/);
});

test('editing the .xcconfig re-validates it and the Info.plist that depends on it', async () => {
  const uri = pathToFileURL(join(folder, 'Config/Driver.xcconfig')).href;
  const infoUri = pathToFileURL(join(folder, 'Driver/Info.plist')).href;
  const text = readFileSync(join(folder, 'Config/Driver.xcconfig'), 'utf8');
  const lines = text.split('\n');
  const debugLine = lines.findIndex((l) => l.includes('[config=Debug]'));
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xcconfig', version: 1, text } });
  // Type a sentence after the empty Debug value: the xcconfig's diagnostic goes.
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: debugLine, character: lines[debugLine]!.length }, end: { line: debugLine, character: lines[debugLine]!.length } }, text: ' Drives it.' }],
  });
  const fixed = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 2);
  assert.deepEqual(codes(fixed), []);
  // Delete both INFOPLIST_KEY lines: now the dext's Info.plist (closed) has no usage description.
  const releaseLine = lines.findIndex((l) => l.includes('[config=Release]'));
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line: releaseLine, character: 0 }, end: { line: debugLine + 1, character: 0 } }, text: '' }],
  });
  const info = await client.waitForDiagnostics((p) => p.uri === infoUri && codes(p).includes('missing-usage-description'));
  assert.equal(info.diagnostics.find((d) => d.code === 'missing-usage-description')!.range.start.line, 3);
  const after = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 3);
  assert.deepEqual(codes(after), []);
});
