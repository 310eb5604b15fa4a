// `npm run bench`: parse throughput against the reference readers, keystroke latency over the
// real server, a 1,000-project workspace, start-up. Ratios are measured side by side in one run;
// results go to bench/results.json and a printed table.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { listCorpusFiles } from '../test/helpers/corpus';
import { quietly } from '../test/helpers/quiet';
import { LspTestClient } from '../test/protocol/client';
import { writeManyPlists } from '../test/helpers/many-plists';
import { changeEvent } from './changes';
import { largeInfoPlist, plist, writeWorkspace } from './generate';
import { benchMatching } from './matching';

const root = join(__dirname, '..');
const results: Record<string, Record<string, number>> = {};
const quick = process.argv.includes('--quick');

type Measured = typeof import('./measured');
/** bench/measured.ts compiled with the shipped server's esbuild options (see that file). */
async function loadMeasured(): Promise<Measured> {
  const { shippedOptions } = await import('../scripts/esbuild-options.mjs');
  const outfile = join(root, 'bench/generated/measured.js');
  buildSync({ ...shippedOptions, sourcemap: false, entryPoints: [join(root, 'bench/measured.ts')], outfile });
  return require(outfile) as Measured;
}
let measured: Measured;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!;
}
/** Median time of `fn` over runs (at least `minRuns`, or ~`budgetMs`). */
function time(fn: () => void, minRuns = 3, budgetMs = 1500): number {
  fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < budgetMs && times.length < 50)) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** One plain pass over the characters: the practical limit a reader is compared with. */
function plainPass(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  return sum;
}

/**
 * MB/s of each reader on each input, in rounds: a round times every reader once, in alternating
 * order, so the readers compared share the machine's speed of that moment (on a shared machine it
 * drifts by half within seconds). Reported: the median MB/s of each reader, and our ratio to the
 * others as the median of the per-round ratios.
 */
function benchParse(): void {
  const { parsePlist, fastPlistParse, plistParse } = measured;
  const corpus = listCorpusFiles().map((p) => readFileSync(p, 'utf8'));
  const readers: [string, (t: string) => unknown][] = [
    ['ours', (t) => parsePlist(t)],
    ['fastplist', (t) => fastPlistParse(t)],
    ['plist', (t) => plistParse(t)],
    ['plain_pass', plainPass],
  ];
  // The corpus is 41 small files (~44 KB): a timed pass reads it 20 times, to last long enough.
  // plist.parse takes seconds on 10 MB: it gets fewer rounds there.
  const inputs: { name: string; texts: string[]; passes: number; rounds: number }[] = [
    { name: 'corpus', texts: corpus, passes: 20, rounds: quick ? 5 : 15 },
    { name: '1mb', texts: [largeInfoPlist(1_000_000)], passes: 2, rounds: quick ? 5 : 15 },
    { name: '10mb', texts: [largeInfoPlist(10_000_000)], passes: 1, rounds: quick ? 3 : 9 },
  ];
  // Warm every reader's JIT on the smaller inputs first, so the first one measured is not penalised.
  const warmUntil = performance.now() + (quick ? 300 : 1000);
  while (performance.now() < warmUntil) for (const { texts } of inputs.slice(0, 2)) for (const t of texts) for (const [, read] of readers) read(t);
  for (const { name, texts, passes, rounds } of inputs) {
    const mb = (passes * texts.reduce((n, t) => n + t.length, 0)) / 1e6;
    const rates: Record<string, number[]> = {};
    const ratios: Record<string, number[]> = {};
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [...readers].reverse() : readers;
      const here: Record<string, number> = {};
      for (const [reader, read] of order) {
        if (reader === 'plist' && name === '10mb' && round >= 2) continue;
        const t = performance.now();
        quietly(() => {
          for (let p = 0; p < passes; p++) for (const text of texts) read(text);
        });
        here[reader] = mb / ((performance.now() - t) / 1000);
        (rates[reader] ??= []).push(here[reader]!);
      }
      for (const [reader] of readers) if (reader !== 'ours' && here[reader]) (ratios[reader] ??= []).push(here.ours! / here[reader]!);
    }
    const prefix = name === 'corpus' ? '' : `${name}_`;
    Object.assign((results.parse ??= {}), {
      [`${prefix}ours_mb_s`]: round(median(rates.ours!)),
      [`${prefix}fastplist_mb_s`]: round(median(rates.fastplist!)),
      [`${prefix}plist_mb_s`]: round(median(rates.plist!)),
      [`${prefix}plain_pass_mb_s`]: round(median(rates.plain_pass!)),
      [`${prefix}ratio_vs_fastplist`]: round(median(ratios.fastplist!)),
      [`${prefix}ratio_vs_plist`]: round(median(ratios.plist!)),
    });
  }
}

/**
 * Time of a 1 MB input over a 50 KB one (size ratio 20): our whole keystroke (parse and
 * validation) and our parser, beside fast-plist and a bare pass over the characters on the same
 * texts, which show what the machine itself adds at 1 MB (caches). The small input runs 20 times
 * per sample, so both sides process the same volume and pay alike for garbage collection.
 */
function benchLinearity(): void {
  const small = largeInfoPlist(50_000);
  const large = largeInfoPlist(1_000_000);
  const reps = Math.round(large.length / small.length);
  const keystroke = measured.keystrokeSession();
  const subjects: [string, (t: string) => unknown][] = [
    ['ours_keystroke', keystroke],
    ['ours_parse', measured.parsePlist],
    ['fastplist_parse', measured.fastPlistParse],
    ['plain_pass', plainPass],
  ];
  const out: Record<string, number> = { size_ratio: round(large.length / small.length) };
  for (const [name, fn] of subjects) {
    const sample = (text: string, n: number) => {
      const t = performance.now();
      for (let i = 0; i < n; i++) fn(text);
      return (performance.now() - t) / n;
    };
    for (let i = 0; i < 3; i++) {
      sample(small, reps);
      sample(large, 1);
    }
    // Each ratio from a small and a large sample taken one after the other; the median of them.
    const ratios: number[] = [];
    for (let i = 0; i < (quick ? 3 : 11); i++) {
      const large1 = sample(large, 1);
      ratios.push(large1 / sample(small, reps));
    }
    out[`${name}_ratio`] = round(median(ratios), 1);
  }
  results.linearity = out;
}

async function startServer(folder?: string, nodeArgs: readonly string[] = []) {
  const client = new LspTestClient({ nodeArgs });
  const scanned = new Promise<void>((resolve) => {
    client.connection.onNotification('dext/scanStatus', (p: { state: string }) => {
      if (p.state === 'end') resolve();
    });
  });
  const t0 = performance.now();
  await client.initialize(folder ?? tmpdir(), { textDocument: { diagnostic: {} }, window: { workDoneProgress: false } });
  return { client, scanned, t0 };
}

/** A server with bench/gc-observer.cjs preloaded: the collections it reports, in epoch ms. */
async function startObservedServer(folder: string) {
  const started = await startServer(folder, ['--require', join(root, 'bench/gc-observer.cjs')]);
  const collections: { kind: string; at: number; ms: number }[] = [];
  let pending = '';
  started.client.process.stderr!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const m = /^dext-gc (\S+) (\S+) (\S+)$/.exec(line);
      if (m) collections.push({ kind: m[1]!, at: Number(m[2]), ms: Number(m[3]) });
    }
  });
  return { ...started, collections };
}

/** The collections within [from, to] (epoch ms) by kind, with the time they took. */
function gcSummary(collections: { kind: string; at: number; ms: number }[], from: number, to: number, prefix: string): Record<string, number> {
  const within = collections.filter((c) => c.at >= from && c.at <= to);
  const of = (kind: string) => within.filter((c) => c.kind === kind);
  return {
    [`${prefix}_gc_major`]: of('major').length,
    [`${prefix}_gc_minor`]: of('minor').length,
    [`${prefix}_gc_major_ms`]: round(of('major').reduce((t, c) => t + c.ms, 0)),
    [`${prefix}_gc_total_ms`]: round(within.reduce((t, c) => t + c.ms, 0)),
  };
}

/**
 * The transport floor: a request the server answers without any work (an unknown method gets the
 * JSON-RPC MethodNotFound error straight from the connection).
 */
async function floorRoundTrip(client: LspTestClient, payload?: string): Promise<number> {
  const t = performance.now();
  await client.connection.sendRequest('dext/benchmarkFloor', payload === undefined ? undefined : { payload }).catch(() => undefined);
  return performance.now() - t;
}

/**
 * The floor of the very messages an edit sends: the same `didChange` parameters as a notification
 * to a method the server does not know (read, parsed and dropped by the JSON-RPC layer), then the
 * floor request. With whole-document changes this carries the document's text, as the edit does.
 */
async function messageFloor(client: LspTestClient, change: object): Promise<number> {
  const t = performance.now();
  await client.connection.sendNotification('dext/benchmarkFloorChange', change);
  await client.connection.sendRequest('dext/benchmarkFloor').catch(() => undefined);
  return performance.now() - t;
}

/**
 * Latency of `didChange` → `textDocument/diagnostic` answer, for `edits` edits, the way an editor
 * does it: incremental changes (VS Code) or the whole document (`sync: 'whole'`, what many
 * clients send), and each pull names the previous result id (LSP 3.17). With `alongside`, each
 * edit is followed by a floor round trip and by `plist.parse` of the new text, so the three are
 * sampled at the same moments (the machine's speed drifts; medians taken at different times
 * would compare different machines).
 */
async function pullLatency(
  client: LspTestClient,
  uri: string,
  text: string,
  edits: number,
  edit: (text: string, i: number) => string,
  alongside?: { floor: number[]; plistParse: number[]; messageFloor?: number[] },
  sync: 'incremental' | 'whole' = 'incremental',
): Promise<number[]> {
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
  const latencies: number[] = [];
  let current = text;
  let previousResultId: string | undefined;
  for (let i = 0; i < edits; i++) {
    const next = edit(current, i);
    // The change event is made before the clock starts: it is the editor's work, not the server's.
    const change = sync === 'whole' ? { text: next } : changeEvent(current, next);
    current = next;
    const params = { textDocument: { uri, version: i + 2 }, contentChanges: [change] };
    const t = performance.now();
    await client.connection.sendNotification('textDocument/didChange', params);
    const report = await client.connection.sendRequest<{ resultId?: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
    latencies.push(performance.now() - t);
    previousResultId = report.resultId;
    if (alongside) {
      alongside.floor.push(await floorRoundTrip(client));
      alongside.messageFloor?.push(await messageFloor(client, params));
      const p = performance.now();
      measured.plistParse(current);
      alongside.plistParse.push(performance.now() - p);
    }
  }
  return latencies;
}

/** One character inside a `<string>`, alternating: `from` becomes `to`, then back (the first match after `after`). */
function alternating(from: string, to: string, after = 0): (text: string, i: number) => string {
  return (text, i) => {
    const [a, b] = i % 2 ? [to, from] : [from, to];
    const at = text.indexOf(a, after);
    return text.slice(0, at) + b + text.slice(at + a.length);
  };
}

/** A copy of the example project, for a server of its own. */
function exampleCopy(): string {
  const folder = mkdtempSync(join(tmpdir(), 'dext-bench-ks-'));
  cpSync(join(root, 'examples'), folder, { recursive: true });
  return folder;
}

/**
 * The keystroke as a user meets it: a fresh server on the example project, no warm-up, 200 edits
 * of one character inside a `<string>`, each change sent whole or as an incremental event, and a
 * pull after each; the floor and `plist.parse` of the same text timed beside each edit.
 */
async function coldSession(sync: 'incremental' | 'whole', edits: number) {
  const folder = exampleCopy();
  const { client, scanned } = await startServer(folder);
  await scanned;
  const info = join(folder, 'SensorKit/SensorDriver/Info.plist');
  const alongside = { floor: [] as number[], plistParse: [] as number[], messageFloor: [] as number[] };
  const latency = await pullLatency(client, pathToFileURL(info).href, readFileSync(info, 'utf8'), edits, alternating('<string>1.0</string>', '<string>1.1</string>'), alongside, sync);
  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
  const p50 = median(latency);
  const floor = median(alongside.floor);
  const messageFloorP50 = median(alongside.messageFloor);
  const plistParse = median(alongside.plistParse);
  return { p50, p95: percentile(latency, 95), floor, messageFloor: messageFloorP50, plistParse, ratio: (p50 - floor) / plistParse, messageRatio: (p50 - messageFloorP50) / plistParse };
}

/**
 * Both kinds of change, each in `rounds` fresh servers, the two kinds alternating (whole first in
 * even rounds): on a machine whose speed drifts, one session alone says little. Reported: the
 * median over the sessions of each figure, and of the per-session ratio (p50 − floor) / plist.parse.
 */
async function coldKeystrokes(edits: number, rounds: number): Promise<Record<string, number>> {
  const sessions: Record<'incremental' | 'whole', Awaited<ReturnType<typeof coldSession>>[]> = { incremental: [], whole: [] };
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? (['incremental', 'whole'] as const) : (['whole', 'incremental'] as const);
    for (const sync of order) sessions[sync].push(await coldSession(sync, edits));
  }
  const out: Record<string, number> = { cold_sessions_per_kind: rounds };
  for (const sync of ['whole', 'incremental'] as const) {
    const of = (field: 'p50' | 'p95' | 'floor' | 'messageFloor' | 'plistParse' | 'ratio' | 'messageRatio') => median(sessions[sync].map((s) => s[field]));
    const prefix = `cold_${sync}`;
    Object.assign(out, {
      [`${prefix}_p50_ms`]: round(of('p50')),
      [`${prefix}_p95_ms`]: round(of('p95')),
      [`${prefix}_floor_ms`]: round(of('floor')),
      [`${prefix}_plist_parse_ms`]: round(of('plistParse')),
      [`${prefix}_validation_minus_floor_ms`]: round(of('p50') - of('floor')),
      // The target: below 1 (our keystroke beyond the transport costs less than plist.parse alone).
      [`${prefix}_over_plist_parse`]: round(of('ratio')),
      // The same against the floor of the edit's own two messages (the change, then a request).
      [`${prefix}_message_floor_ms`]: round(of('messageFloor')),
      [`${prefix}_over_plist_parse_message_floor`]: round(of('messageRatio')),
    });
  }
  return out;
}

/**
 * A 1.25 MB Info.plist in a fresh server: one character of the first `<string>` alternating (the
 * edit furthest from the end, so every later offset moves), incremental events then the whole
 * document, with the server's garbage collections counted over each phase.
 */
async function largeKeystrokes(edits: number): Promise<Record<string, number>> {
  const folder = exampleCopy();
  const { client, scanned, collections } = await startObservedServer(folder);
  await scanned;
  const big = join(folder, 'SensorKit/SensorDriver/Big-Info.plist');
  const bigText = largeInfoPlist(1_250_000);
  writeFileSync(big, bigText);
  const uri = pathToFileURL(big).href;
  const edit = alternating('Benchmark.', 'Benchmark!');
  const out: Record<string, number> = { large_bytes: bigText.length };
  for (const sync of ['incremental', 'whole'] as const) {
    const from = performance.timeOrigin + performance.now();
    const latency = await pullLatency(client, uri, bigText, edits, edit, undefined, sync);
    // The observer reports asynchronously: wait for the last collections to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const to = performance.timeOrigin + performance.now();
    Object.assign(out, {
      [`large_${sync}_p50_ms`]: round(median(latency)),
      [`large_${sync}_p95_ms`]: round(percentile(latency, 95)),
      [`large_${sync}_max_ms`]: round(Math.max(...latency)),
      ...gcSummary(collections, from, to, `large_${sync}`),
    });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  // The floor of whole-document changes: the same 1.25 MB sent to a method the server does not know.
  const floors: number[] = [];
  for (let i = 0; i < Math.min(edits, 20); i++) floors.push(await floorRoundTrip(client, bigText));
  out.large_whole_transport_floor_ms = round(median(floors));
  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
  out.large_plist_parse_ms = round(quietly(() => time(() => measured.plistParse(bigText), 2, 1)));
  return out;
}

async function benchKeystroke(): Promise<void> {
  const edits = quick ? 40 : 200;
  // Cold first, each in a server of its own: nothing of this process's JIT state reaches them.
  const cold = await coldKeystrokes(edits, quick ? 1 : 3);
  const folder = exampleCopy();
  const { client, scanned } = await startServer(folder);
  await scanned;
  const info = join(folder, 'SensorKit/SensorDriver/Info.plist');
  const ents = join(folder, 'SensorKit/SensorDriver/SensorDriver.entitlements');
  const infoText = readFileSync(info, 'utf8');
  const bump = (t: string, i: number) => t.replace(/<string>1\.\d+<\/string>/, `<string>1.${i}</string>`);
  const entsText = readFileSync(ents, 'utf8');
  const entsBump = (t: string, i: number) => t.replace(/<string>\d+<\/string>/, `<string>${1000 + i}</string>`);
  // Warm-up, not measured: the server's JIT reaches the steady state it has after a few seconds
  // of typing. Every side of the comparison is warmed the same way.
  const warmup = quick ? 40 : 2000;
  const discard = { floor: [], plistParse: [] };
  await pullLatency(client, pathToFileURL(info).href, infoText, warmup, bump, discard);
  await pullLatency(client, pathToFileURL(ents).href, entsText, warmup, entsBump);
  const alongside = { floor: [] as number[], plistParse: [] as number[] };
  const infoLatency = await pullLatency(client, pathToFileURL(info).href, infoText, edits, bump, alongside);
  const entLatency = await pullLatency(client, pathToFileURL(ents).href, entsText, edits, entsBump);
  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
  const p50 = median(infoLatency);
  const floorP50 = median(alongside.floor);
  const plistParseMs = median(alongside.plistParse);
  results.keystroke = {
    p50_ms: round(p50),
    p95_ms: round(percentile(infoLatency, 95)),
    floor_ms: round(floorP50),
    plist_parse_ms: round(plistParseMs),
    validation_minus_floor_ms: round(p50 - floorP50),
    over_plist_parse: round((p50 - floorP50) / plistParseMs),
    entitlements_p50_ms: round(median(entLatency)),
    entitlements_p95_ms: round(percentile(entLatency, 95)),
    ...cold,
    ...(await largeKeystrokes(quick ? 20 : 100)),
  };
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

async function benchWorkspace(): Promise<void> {
  const projects = quick ? 100 : 1000;
  const dir = join(root, 'bench/generated', `workspace-${projects}`);
  if (!existsSync(join(dir, `Project${projects - 1}`))) writeWorkspace(dir, projects);
  const { client, scanned, t0 } = await startServer(dir);
  await scanned;
  const scanMs = performance.now() - t0;
  const info = join(dir, 'Project0/Driver/Info.plist');
  const ents = pathToFileURL(join(dir, 'Project0/Driver/Driver.entitlements')).href;
  const text = readFileSync(info, 'utf8');
  const uri = pathToFileURL(info).href;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
  await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  // A cross-file fact: the provider becomes PCI, so the dext entitlements now lack transport.pci.
  const t = performance.now();
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text.replace('IOUSBHostInterface', 'IOPCIDevice') }] });
  const report = await client.connection.sendRequest<{ items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri: ents } });
  const editMs = performance.now() - t;
  if (!report.items.some((d) => d.code === 'dext-missing-transport')) throw new Error('the cross-file edit did not reach the entitlements file');
  const rss = peakRssMb(client.process.pid!);
  await client.shutdown();
  results.workspace = { projects, files: projects * 7, scan_ms: round(scanMs), peak_rss_mb: round(rss), edit_ms: round(editMs), ...(await benchScanWaits()) };
}

/**
 * The longest wait of `request`, made every 50 ms (one at a time) until `done` resolves: how long
 * a user's hover or command waits while the server is busy.
 */
async function longestWaitUntil(done: Promise<void>, request: () => Promise<unknown>): Promise<number> {
  let finished = false;
  let longest = 0;
  void done.then(() => (finished = true));
  while (!finished) {
    const t = performance.now();
    await request();
    longest = Math.max(longest, performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return longest;
}

/**
 * The reliability probe's P10 workspace: 20,000 small plists, each with a duplicated key (so the
 * scan publishes 20,000 diagnostics). Time to the scan's end, peak RSS, and the longest wait of a
 * hover (on the workspace's entitlements file: it reads the model being built) made every 50 ms
 * from initialize to the scan's end.
 */
async function benchScanWaits(): Promise<Record<string, number>> {
  const files = quick ? 2000 : 20_000;
  const dir = join(root, 'bench/generated', `plists-${files}`);
  const entitlements = join(dir, 'Driver/Driver.entitlements');
  if (!existsSync(entitlements)) {
    writeManyPlists(dir, files);
    mkdirSync(join(dir, 'Driver'), { recursive: true });
    writeFileSync(entitlements, plist('\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n'));
  }
  const { client, scanned, t0 } = await startServer(dir);
  const hover = { textDocument: { uri: pathToFileURL(entitlements).href }, position: { line: 4, character: 10 } };
  const longestWait = await longestWaitUntil(scanned, () => client.connection.sendRequest('textDocument/hover', hover));
  const scanMs = performance.now() - t0;
  const rss = peakRssMb(client.process.pid!);
  await client.shutdown();
  return { scan_files: files, scan_files_ms: round(scanMs), scan_files_peak_rss_mb: round(rss), scan_files_longest_request_wait_ms: round(longestWait) };
}

/**
 * The probe's F4 workspace: 30 MB Info.plists and 31 MB crash-loop logs (each under the per-file
 * cap). Peak RSS of the server, time to the end of the scan, and the longest wait of a trivial
 * request sent every 50 ms from initialize to the scan's end (the scan is synchronous: a request
 * waits for it).
 */
async function benchLargeFiles(): Promise<void> {
  const plists = quick ? 4 : 30;
  const logs = 4;
  const dir = join(root, 'bench/generated', `large-${plists}`);
  if (!existsSync(join(dir, `crash${logs - 1}.log`))) {
    const plist = largeInfoPlist(30_000_000);
    const line = '2026-11-24 10:00:00.000 kernel: DK: SensorDriver-0x100000abc::start(IOService-0x100000123) fails with 0xe00002e2 (kIOReturnNotPermitted)\n';
    const log = line.repeat(Math.floor(31_000_000 / line.length));
    for (let n = 0; n < plists; n++) {
      mkdirSync(join(dir, `D${n}`), { recursive: true });
      writeFileSync(join(dir, `D${n}/Info.plist`), plist);
    }
    for (let n = 0; n < logs; n++) writeFileSync(join(dir, `crash${n}.log`), log);
  }
  const { client, scanned, t0 } = await startServer(dir);
  const longestWait = await longestWaitUntil(scanned, () => client.connection.sendRequest('dext/rules'));
  const scanMs = performance.now() - t0;
  const rss = peakRssMb(client.process.pid!);
  const gb = round((plists * 30_000_000 + logs * 31_000_000) / 1e9, 2);
  await client.shutdown();
  results.large_files = { plists_30mb: plists, logs_31mb: logs, disk_gb: gb, scan_ms: round(scanMs), peak_rss_mb: round(rss), longest_request_wait_ms: round(longestWait) };
}

async function benchStartup(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'dext-bench-start-'));
  const path = join(folder, 'Driver.entitlements');
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n</dict>\n</plist>\n';
  writeFileSync(path, text);
  const client = new LspTestClient();
  const t0 = performance.now();
  await client.initialize(folder, {});
  const uri = pathToFileURL(path).href;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
  await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
  const first = performance.now() - t0;
  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
  const size = (f: string) => round(statSync(join(root, 'dist', f)).size / 1024, 1);
  results.startup = { first_diagnostics_ms: round(first), server_bundle_kb: size('server.js'), client_bundle_kb: size('client.js'), cli_bundle_kb: size('cli.js') };
}

/** `--only=parse,keystroke` runs some groups (results.json is written by full runs only). */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const runs = (group: string) => !only || only.includes(group);

async function main() {
  measured = await loadMeasured();
  if (runs('parse')) benchParse();
  if (runs('linearity')) benchLinearity();
  if (runs('keystroke')) await benchKeystroke();
  if (runs('workspace')) await benchWorkspace();
  if (runs('large')) await benchLargeFiles();
  if (runs('startup')) await benchStartup();
  if (runs('matching')) results.matching = benchMatching(measured, time, round);
  const out = { date: new Date().toISOString(), node: process.version, quick, ...results };
  if (!quick && !only) writeFileSync(join(root, 'bench/results.json'), JSON.stringify(out, null, 2) + '\n');
  for (const [group, values] of Object.entries(results)) {
    console.log(`\n${group}`);
    for (const [k, v] of Object.entries(values)) console.log(`  ${k.padEnd(28)} ${v}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
