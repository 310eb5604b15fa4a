// The protocol tests' own client: a server killed in the middle of a message leaves nothing behind
// that keeps the test process alive (a CI run hung after its tests had passed: vscode-jsonrpc's
// partial-message timer re-arms for as long as a partial message is buffered).
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LspTestClient } from './client';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

test('a server killed mid-message arms no timer in the client', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'dext-test-client-'));
  try {
    // A "server" that writes the start of a message and waits to be killed.
    const server = join(folder, 'partial-server');
    writeFileSync(server, `#!${process.execPath}\nprocess.stdout.write('Content-Length: 100\\r\\n\\r\\n{"jsonrpc"');\nsetInterval(() => {}, 1000);\n`);
    chmodSync(server, 0o755);
    const baseline = timers();
    const client = new LspTestClient({ server: { command: server } });
    await new Promise<void>((resolve) => client.process.stdout!.once('data', () => resolve()));
    // Let the reader take the chunk in (it reads on the same turn as this listener, or the next).
    await new Promise((resolve) => setImmediate(resolve));
    client.connection.dispose();
    client.process.kill('SIGKILL');
    await new Promise((resolve) => client.process.once('exit', resolve));
    assert.equal(timers(), baseline, 'a timer outlives the killed server');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
