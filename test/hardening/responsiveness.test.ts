// A large scan does not make the server deaf, and a long request stops when the client cancels it
// (issue #20: "answers within 100 ms during a 20,000-file scan"; reliability-probe.md P10, P22:
// "$/cancelRequest never cancels anything"). The assertions are about order, never about time
// (bench/ measures the waits): a request made during the scan is answered before the scan's end
// is announced, and not behind the thousands of publications the scan makes; a pull cancelled
// while it waits for the scan is answered RequestCancelled, before the scan ends.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { DUPLICATED_KEY_PLIST, writeManyPlists } from '../helpers/many-plists';
import { LspTestClient } from '../protocol/client';
import { kill, scratchWorkspaces } from './helpers';

const workspace = scratchWorkspaces();

const FILES = 20_000;
/**
 * Publications a client may receive between a request and its answer. The server gets ahead of
 * the pipe by two slices of 32 files at most; the pipe and the client's buffers hold a few hundred
 * more. Before, the answer was written behind every publication queued so far: up to 12,000.
 */
const PUBLICATIONS_BEFORE_ANSWER = 1000;

let folder: string;
let entitlements: string;
/** The file the scan reads last (folders and files are read in name order). */
let lastPlist: string;

before(() => {
  folder = workspace('large-scan');
  writeManyPlists(folder, FILES);
  entitlements = pathToFileURL(join(folder, 'Driver/Driver.entitlements')).href;
  mkdirSync(join(folder, 'zz'));
  writeFileSync(join(folder, 'zz/Last.plist'), DUPLICATED_KEY_PLIST);
  lastPlist = pathToFileURL(join(folder, 'zz/Last.plist')).href;
});

/**
 * Publications the server wrote, counted as their bytes arrive, and that count as each answer's
 * bytes arrived. Counted on the wire, not as the client dispatches them: a client that lags
 * dispatches its own backlog before the answer too, and that is not the server's doing.
 */
function wireCounts(client: LspTestClient): { published: () => number; answers: number[] } {
  const marker = /"method":"textDocument\/publishDiagnostics"|"id":\d+,"(?:result|error)"/g;
  const answers: number[] = [];
  let published = 0;
  let rest = '';
  client.process.stdout!.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString('latin1');
    let end = 0;
    for (const m of text.matchAll(marker)) {
      if (m[0].startsWith('"method"')) published++;
      else answers.push(published);
      end = m.index + m[0].length;
    }
    // A marker split between two chunks is found in the next one; none is counted twice.
    rest = text.slice(Math.max(end, text.length - 64));
  });
  return { published: () => published, answers };
}

/** A server on the large workspace, returned once it announced the start of its scan. */
async function scanningServer(): Promise<{ client: LspTestClient; ended: () => boolean; wire: ReturnType<typeof wireCounts> }> {
  const client = new LspTestClient();
  const wire = wireCounts(client);
  let ended = false;
  const started = new Promise<void>((resolve) =>
    client.connection.onNotification('dext/scanStatus', (s: { state: string }) => {
      if (s.state === 'start') resolve();
      if (s.state === 'end') ended = true;
    }),
  );
  await client.initialize(folder, {});
  await started;
  return { client, ended: () => ended, wire };
}

test(`requests made during a ${FILES.toLocaleString('en')}-file scan are answered before its end, not behind its publications`, async () => {
  const { client, ended, wire } = await scanningServer();
  try {
    const hover = { textDocument: { uri: entitlements }, position: { line: 3, character: 10 } };
    // One request after another, from the scan's start to its end (notifications and answers
    // arrive in the order the server wrote them, so `ended()` tells which came first).
    const samples: { publishedBetween: number; beforeEnd: boolean }[] = [];
    while (!ended()) {
      const published = wire.published();
      await client.connection.sendRequest('textDocument/hover', hover);
      samples.push({ publishedBetween: wire.answers.at(-1)! - published, beforeEnd: !ended() });
    }
    assert.ok(samples[0]!.beforeEnd, 'the request made as the scan started was answered after its end');
    const during = samples.filter((s) => s.beforeEnd);
    assert.ok(
      during.some((s) => s.publishedBetween > 0),
      `no request was made while the scan published (${samples.length} requests): the test did not reach that phase`,
    );
    const worst = Math.max(...during.map((s) => s.publishedBetween));
    assert.ok(worst < PUBLICATIONS_BEFORE_ANSWER, `an answer came behind ${worst} publications of the scan`);
  } finally {
    kill(client);
  }
});

test('a diagnostic pull made during the scan waits for it; cancelled, it is answered RequestCancelled (-32800) before the scan ends', async () => {
  const { client, ended } = await scanningServer();
  try {
    const source = new CancellationTokenSource();
    const cancelled = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: lastPlist } }, source.token);
    const kept = client.connection.sendRequest<{ items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri: lastPlist } });
    source.cancel();
    const error = await cancelled.then(
      () => undefined,
      (e: { code?: number }) => e,
    );
    assert.equal(error?.code, -32800, `answered ${error ? `error ${error.code}` : 'with a result'}`);
    assert.ok(!ended(), 'the cancelled pull was answered only after the scan ended');
    // The other pull waited for the scan: made before its file was read, it still reports on it.
    const report = await kept;
    assert.deepEqual(report.items.map((d) => d.code), ['duplicate-key'], 'a pull made during the scan was answered from the files read so far');
  } finally {
    kill(client);
  }
});
