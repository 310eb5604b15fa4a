// The service's long work runs in slices and stops when its Cancellation asks (issue #20: the scan
// and long requests honour `$/cancelRequest`; reliability-probe.md P22, P28). In-process, through
// the service's door; order is asserted, never time. The work is made long by its size (thousands
// of files or log lines: far more than one 10 ms slice), never by sleeping.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CancelledError } from '../../server/src/cancellation';
import { getLanguageService, pathToUri } from '../../server/src/service';
import { fixturePath } from '../helpers/workspace';
import { ENTITLEMENTS, scratchWorkspaces } from './helpers';

const workspace = scratchWorkspaces();

/** A flag a test sets from the event loop's next turn: the work has begun, then is cancelled. */
function cancelledAtNextTurn(): { isCancellationRequested: boolean } {
  const cancel = { isCancellationRequested: false };
  setImmediate(() => (cancel.isCancellationRequested = true));
  return cancel;
}

/** A workspace of `count` entitlements files besides Driver/. */
function manyFiles(count: number): string {
  const folder = workspace('many');
  mkdirSync(join(folder, 'Many'));
  for (let i = 0; i < count; i++) writeFileSync(join(folder, `Many/E${i}.entitlements`), ENTITLEMENTS);
  return folder;
}

test('whenReady waits for the scan in progress; cancelled, it stops waiting and the scan goes on', async () => {
  const folder = manyFiles(2000);
  const service = getLanguageService();
  const order: string[] = [];
  const scan = service.scanFoldersYielding([folder]).then((uris) => (order.push('scan'), uris));
  const cancelled = service.whenReady(cancelledAtNextTurn());
  const ready = service.whenReady().then(() => order.push('ready'));
  await assert.rejects(cancelled, CancelledError);
  assert.deepEqual(order, [], 'the cancelled wait outlasted the scan');
  await ready;
  assert.deepEqual(order, ['scan', 'ready']);
  assert.equal((await scan).length, 2001);
  assert.ok(service.hasFile(pathToUri(join(folder, 'Many/E1999.entitlements'))));
});

test('a scan cancelled at its first turn stops reading', async () => {
  const folder = manyFiles(2000);
  const service = getLanguageService();
  await assert.rejects(service.scanFoldersYielding([folder], cancelledAtNextTurn()), CancelledError);
  assert.ok(service.fileUris().length < 2001, 'every file was read');
});

test('dext/explain of a long log: the same answer in slices, and it stops when cancelled', async () => {
  const line = '2026-11-24 10:00:00.000 kernel: DK: SensorDriver-0x100000abc::start(IOService-0x100000123) fails with 0xe00002e2 (kIOReturnNotPermitted)\n';
  const log = line.repeat(2000);
  const service = getLanguageService();
  assert.equal(await service.explainTextYielding(log), service.explainText(log));
  await assert.rejects(service.explainTextYielding(log, cancelledAtNextTurn()), CancelledError);
});

test('the matching report in slices is the report; a cancelled one is refused', async () => {
  const service = getLanguageService();
  service.scanFolders([fixturePath('pers-clean')]);
  const read = service.readRegistryDump('usb.ioreg', readFileSync(fixturePath('ioreg/usb-devices.ioreg.xml')));
  assert.ok(read.ok);
  service.setMatchingDumps([read.dump]);
  const report = await service.matchingReportYielding();
  assert.equal(report, service.matchingReport());
  assert.match(report, /\| CleanDriverInterface \(/);
  await assert.rejects(service.matchingReportYielding({ isCancellationRequested: true }), CancelledError);
});
