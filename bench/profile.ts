// `tsx bench/profile.ts [cold-whole|cold-incremental|large|large-personality] [edits] [sessions]`: the keystroke scenarios of the
// benchmark (bench/run.ts) run against a server started under `--cpu-prof`, and the samples taken
// while the edits ran (not the start-up or the scan) summed per function: where a keystroke's time
// goes. The server and this process share the monotonic clock the profile's timestamps use.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../test/protocol/client';
import { changeEvent } from './changes';
import { largeInfoPlist } from './generate';

const root = join(__dirname, '..');
const scenario = process.argv[2] ?? 'cold-whole';
const large = scenario.startsWith('large');
const edits = Number(process.argv[3] ?? (large ? 100 : 200));
const sessions = Number(process.argv[4] ?? 3);

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

async function session(dir: string): Promise<[number, number]> {
  const folder = mkdtempSync(join(tmpdir(), 'dext-profile-'));
  cpSync(join(root, 'examples'), folder, { recursive: true });
  const client = new LspTestClient({ nodeArgs: ['--cpu-prof', `--cpu-prof-interval=${process.env.PROF_INTERVAL ?? 50}`, `--cpu-prof-dir=${dir}`] });
  const scanned = new Promise<void>((resolve) => client.connection.onNotification('dext/scanStatus', (p: { state: string }) => { if (p.state === 'end') resolve(); }));
  await client.initialize(folder, { textDocument: { diagnostic: {} }, window: { workDoneProgress: false } });
  await scanned;
  const path = join(folder, large ? 'SensorKit/SensorDriver/Big-Info.plist' : 'SensorKit/SensorDriver/Info.plist');
  if (large) writeFileSync(path, largeInfoPlist(1_250_000));
  const text = readFileSync(path, 'utf8');
  // The bench's edits (the first <string> of the large file: every later offset moves), or one
  // inside a personality half-way down the large file (that personality's rules run again).
  const [from, to] =
    scenario === 'large' ? ['Benchmark.', 'Benchmark!'] : scenario === 'large-personality' ? ['<string>SensorDriver</string>\n\t\t\t<key>IOUserServerName</key>', '<string>SensorDrivex</string>\n\t\t\t<key>IOUserServerName</key>'] : ['<string>1.0</string>', '<string>1.1</string>'];
  const after = scenario === 'large-personality' ? text.indexOf('<key>Sensor1000</key>') : 0;
  const uri = pathToFileURL(path).href;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
  let current = text;
  let previousResultId: string | undefined;
  const start = nowUs();
  for (let i = 0; i < edits; i++) {
    const [a, b] = i % 2 ? [to, from] : [from, to];
    const at = current.indexOf(a, after);
    const next = current.slice(0, at) + b + current.slice(at + a.length);
    const change = scenario === 'cold-whole' ? { text: next } : changeEvent(current, next);
    current = next;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [change] });
    const report = await client.connection.sendRequest<{ resultId?: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
    previousResultId = report.resultId;
  }
  const end = nowUs();
  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
  return [start, end];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'dext-cpuprof-'));
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let wall = 0;
  for (let s = 0; s < sessions; s++) {
    const before = new Set(readdirSync(dir));
    const [start, end] = await session(dir);
    wall += end - start;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const file = readdirSync(dir).find((f) => !before.has(f))!;
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber + 1}`;
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      const dt = profile.timeDeltas[i]!;
      t += dt;
      if (t < start || t > end) continue;
      const next = profile.timeDeltas[i + 1] ?? dt;
      total += next;
      let node = byId.get(profile.samples[i]!)!;
      self.set(name(node), (self.get(name(node)) ?? 0) + next);
      const seen = new Set<string>();
      for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
        node = byId.get(id)!;
        const n = name(node);
        if (seen.has(n)) continue;
        seen.add(n);
        inclusive.set(n, (inclusive.get(n) ?? 0) + next);
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const ms = (us: number) => (us / 1000 / sessions / edits).toFixed(4);
  console.log(`${scenario}: ${sessions} sessions x ${edits} edits; per edit: wall ${ms(wall)} ms, sampled ${ms(total)} ms (idle included)`);
  const table = (title: string, m: Map<string, number>) => {
    console.log(`\n${title} (ms per edit)`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`  ${ms(v).padStart(8)}  ${k}`);
  };
  table('self', self);
  table('inclusive', inclusive);
  if (process.env.PROFILE_JSON) writeFileSync(process.env.PROFILE_JSON, JSON.stringify({ self: [...self], inclusive: [...inclusive] }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
