// The built server over stdio: `dext.matching.dumps` makes every personality checked against the
// dump (personality-no-match on the key to change), typing in the Info.plist re-checks it, and
// dext/checkMatchingDump answers with the report.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fixturePath, repoRoot } from '../helpers/workspace';
import { LspTestClient } from './client';

let folder: string;
let client: LspTestClient;
let infoUri: string;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'dext-matching-'));
  cpSync(join(repoRoot, 'examples/SensorKit'), folder, { recursive: true });
  cpSync(fixturePath('ioreg', 'usb-devices.ioreg.xml'), join(folder, 'device.ioreg'));
  infoUri = pathToFileURL(join(folder, 'SensorDriver/Info.plist')).href;
  client = new LspTestClient();
  // The setting as VS Code sends it (section `dext`), with a path relative to the folder.
  client.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ matching: { dumps: ['device.ioreg'] } })));
  await client.initialize(folder, { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } });
});

after(async () => {
  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
});

test('the dumps setting publishes personality-no-match on the Info.plist, naming the closest device and the missing keys', async () => {
  const published = await client.waitForDiagnostics((p) => p.uri === infoUri && p.diagnostics.some((d) => d.code === 'personality-no-match'));
  const d = published.diagnostics.find((x) => x.code === 'personality-no-match')!;
  assert.equal(d.severity, 2);
  assert.match(d.message, /Closest: Apple Inc\. 'SensorKit Sensor' at IOService:\/…\/SensorKit Sensor@01400000\/SensorKit Sensor@0: bInterfaceNumber is missing \(the dump has 0x0000 \(0\)\)/);
  // On the personality's IOProviderClass key (the missing keys have no line of their own).
  const text = readFileSync(join(folder, 'SensorDriver/Info.plist'), 'utf8').split('\n');
  assert.match(text[d.range.start.line]!, /<key>IOProviderClass<\/key>/);
});

test('adding the missing keys as you type turns the warning into personality-matches', async () => {
  const original = readFileSync(join(folder, 'SensorDriver/Info.plist'), 'utf8');
  const fixed = original.replace('<key>idProduct</key>\n\t\t\t<integer>4660</integer>', '<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>bInterfaceNumber</key>\n\t\t\t<integer>0</integer>\n\t\t\t<key>bConfigurationValue</key>\n\t\t\t<integer>1</integer>');
  assert.notEqual(fixed, original);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: infoUri, languageId: 'xml', version: 1, text: original } });
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: infoUri, version: 2 }, contentChanges: [{ text: fixed }] });
  const published = await client.waitForDiagnostics((p) => p.uri === infoUri && p.version === 2);
  const codes = published.diagnostics.map((d) => d.code);
  assert.ok(!codes.includes('personality-no-match'), JSON.stringify(published.diagnostics));
  const info = published.diagnostics.find((d) => d.code === 'personality-matches')!;
  assert.equal(info.severity, 3);
  assert.match(info.message, /matches Apple Inc\. 'SensorKit Sensor' at IOService:\/…\/SensorKit Sensor@01400000\/SensorKit Sensor@0, row idVendor \+ idProduct \+ bInterfaceNumber \+ bConfigurationValue, probe score 90000\./);
});

test('dext/checkMatchingDump answers with the markdown report; an unreadable dump is an error, not a crash', async () => {
  const ok = await client.connection.sendRequest<{ ok: boolean; markdown?: string }>('dext/checkMatchingDump', { uri: pathToFileURL(fixturePath('ioreg', 'usb.system_profiler.xml')).href });
  assert.equal(ok.ok, true);
  assert.match(ok.markdown!, /\| personality \| device \| matched \| row \| score \| differences \|/);
  assert.match(ok.markdown!, /system_profiler SPUSBDataType lists USB devices only/);
  const bad = await client.connection.sendRequest<{ ok: boolean; error?: string }>('dext/checkMatchingDump', { uri: pathToFileURL(join(folder, 'SensorDriver/SensorDriver.cpp')).href });
  assert.equal(bad.ok, false);
  assert.match(bad.error!, /not a well-formed property list|not a registry dump/);
});
