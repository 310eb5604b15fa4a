// What the file-system and lifecycle hardening tests share: a scratch workspace with a dext
// entitlements file, a server on it that has finished its scan, and a request raced against a
// generous limit (the failures these tests catch are hangs, not slowness).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { LspTestClient } from '../protocol/client';

export const ENTITLEMENTS = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n</dict>\n</plist>\n';

/** Far above any answer of a healthy server, on a loaded machine too. */
export const HANG_LIMIT_MS = 10_000;

export const NO_ANSWER = Symbol('no answer');

/** A scratch workspace with `Driver/Driver.entitlements`. */
export function scratchWorkspace(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `dext-${prefix}-`));
  mkdirSync(join(folder, 'Driver'));
  writeFileSync(join(folder, 'Driver/Driver.entitlements'), ENTITLEMENTS);
  return folder;
}

/**
 * A factory of scratch workspaces for one test file, removed when the file's tests end. Call it at
 * the top level of the test file (it registers the cleanup with `after`).
 */
export function scratchWorkspaces(): (prefix: string) => string {
  const folders: string[] = [];
  after(() => {
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });
  return (prefix) => {
    const folder = scratchWorkspace(prefix);
    folders.push(folder);
    return folder;
  };
}

/** The promise's value, or NO_ANSWER when it takes longer than the limit. */
export function within<T>(promise: Promise<T>, ms = HANG_LIMIT_MS): Promise<T | typeof NO_ANSWER> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(NO_ANSWER), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

/** A server on `folder` whose workspace scan has ended (or NO_ANSWER when it never does). */
export async function scannedServer(folder: string, capabilities: Record<string, unknown> = {}): Promise<{ client: LspTestClient; scanned: boolean }> {
  const client = new LspTestClient();
  const scanEnd = new Promise<void>((resolve) =>
    client.connection.onNotification('dext/scanStatus', (s: { state: string }) => {
      if (s.state === 'end') resolve();
    }),
  );
  await client.initialize(folder, capabilities);
  return { client, scanned: (await within(scanEnd)) !== NO_ANSWER };
}

/** Whether the server still answers a trivial request. */
export async function stillAnswers(client: LspTestClient): Promise<boolean> {
  return (await within(client.connection.sendRequest('dext/rules'))) !== NO_ANSWER;
}

/** Ends a server that may be stuck in a blocking read (a clean shutdown would wait on it). */
export function kill(client: LspTestClient): void {
  client.connection.dispose();
  client.process.kill('SIGKILL');
}
