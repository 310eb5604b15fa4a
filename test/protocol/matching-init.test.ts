// The built server over stdio, for a client that cannot answer workspace/configuration (many LSP
// editors): the dumps named in the initialization options are read once the folders are known.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fixturePath, repoRoot } from '../helpers/workspace';
import { LspTestClient } from './client';

let folder: string;
let client: LspTestClient;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'dext-matching-init-'));
  cpSync(join(repoRoot, 'examples/SensorKit'), folder, { recursive: true });
  cpSync(fixturePath('ioreg', 'usb-devices.ioreg.xml'), join(folder, 'device.ioreg'));
  client = new LspTestClient();
  await client.initialize(folder, { textDocument: { publishDiagnostics: { versionSupport: true } } }, { settings: { matching: { dumps: ['device.ioreg'] } } });
});

after(async () => {
  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
});

test('dext.matching.dumps from the initialization options is honoured without workspace/configuration', async () => {
  const infoUri = pathToFileURL(join(folder, 'SensorDriver/Info.plist')).href;
  const published = await client.waitForDiagnostics((p) => p.uri === infoUri && p.diagnostics.some((d) => d.code === 'personality-no-match'));
  assert.ok(published.diagnostics.some((d) => d.code === 'personality-no-match'));
});
