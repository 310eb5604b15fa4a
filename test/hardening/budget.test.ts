// Memory is bounded by what the workspace holds, not by what the disk holds (reliability-probe.md
// F4): the scan reads a byte budget in all and says what it left, and a crash-loop log keeps a
// bounded number of findings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { getLanguageService } from '../../server/src/service';
import { repoRoot } from '../helpers/workspace';
import { ENTITLEMENTS, HANG_LIMIT_MS, scratchWorkspace } from './helpers';

const folders: string[] = [];
after(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

test('F4: the scan stops reading at its byte budget and reports the files it left, once', () => {
  const folder = scratchWorkspace('budget');
  folders.push(folder);
  for (const name of ['A', 'B', 'C', 'D']) writeFileSync(join(folder, `Driver/${name}.entitlements`), ENTITLEMENTS);
  const service = getLanguageService(undefined, { scanBudgetBytes: 2 * ENTITLEMENTS.length });
  const read = service.scanFolders([folder]);
  assert.equal(read.length, 2);
  const skipped = service.takeSkipped();
  assert.deepEqual(skipped.map((s) => [s.reason, s.count]), [['budget', 3]]);
  assert.match(skipped[0]!.detail, /3 files not read: the scan reads \d+ MB in all/);
  assert.deepEqual(service.takeSkipped(), [], 'reported once');
});

test('F4b: a 31 MB crash-loop log is checked in bounded memory (the CLI under a 512 MB heap)', () => {
  const folder = scratchWorkspace('log');
  folders.push(folder);
  const line = '2026-11-24 10:00:00.000 kernel: DK: SensorDriver-0x100000abc::start(IOService-0x100000123) fails with 0xe00002e2 (kIOReturnNotPermitted)\n';
  writeFileSync(join(folder, 'crash.log'), line.repeat(Math.floor(31_000_000 / line.length)));
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', join(repoRoot, 'bin/dextlint.js'), '--format', 'json', '.'], {
    cwd: folder,
    encoding: 'utf8',
    timeout: 6 * HANG_LIMIT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.signal, null, `killed: ${r.signal} ${r.stderr.slice(0, 300)}`);
  assert.equal(r.status, 0, r.stderr.slice(0, 300));
  const log = (JSON.parse(r.stdout) as { files: { path: string; diagnostics: unknown[] }[] }).files.find((f) => f.path === 'crash.log');
  assert.ok(log && log.diagnostics.length > 0 && log.diagnostics.length <= 2001, `${log?.diagnostics.length} findings`);
});
