// The server's own requests, as the client's commands send them to the built server:
// "Show Provisioning Profile" on a profile file on disk (and on garbage), and "Explain".
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { makeProfile } from '../helpers/profiles';
import { LspTestClient } from './client';

let folder: string;
let client: LspTestClient;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'dext-requests-'));
  mkdirSync(join(folder, 'Profiles'));
  writeFileSync(
    join(folder, 'Profiles/Driver.provisionprofile'),
    makeProfile({ name: 'Driver Dist', bundleId: 'com.example.driver', entitlements: { 'com.apple.developer.driverkit': true }, provisionsAllDevices: true }),
  );
  writeFileSync(join(folder, 'Profiles/Broken.provisionprofile'), Buffer.from([0x30, 0x82, 0xff, 0xff, 0x01, 0x02]));
  client = new LspTestClient();
  await client.initialize(folder);
});

after(async () => {
  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
});

type ShowProfile = { ok: boolean; content?: string; error?: string };

test('dext/showProfile returns the decoded plist with its summary after the XML declaration', async () => {
  const uri = pathToFileURL(join(folder, 'Profiles/Driver.provisionprofile')).href;
  const answer = await client.connection.sendRequest<ShowProfile>('dext/showProfile', { uri });
  assert.equal(answer.ok, true, answer.error);
  assert.match(answer.content!, /^<\?xml[^>]*\?>\n<!--\n  Provisioning profile: Driver Dist\n/);
  assert.match(answer.content!, /<key>Entitlements<\/key>/);
});

test('dext/showProfile on an unreadable profile answers with the reason, not an exception', async () => {
  const uri = pathToFileURL(join(folder, 'Profiles/Broken.provisionprofile')).href;
  const answer = await client.connection.sendRequest<ShowProfile>('dext/showProfile', { uri });
  assert.equal(answer.ok, false);
  assert.ok(answer.error && answer.error.length > 10, answer.error);
  const missing = await client.connection.sendRequest<ShowProfile>('dext/showProfile', { uri: pathToFileURL(join(folder, 'nope.provisionprofile')).href });
  assert.equal(missing.ok, false);
});

test('dext/explain explains an IOReturn code', async () => {
  const answer = await client.connection.sendRequest<{ markdown: string }>('dext/explain', { text: '0xe00002e2' });
  assert.match(answer.markdown, /kIOReturnNotPermitted/);
});
