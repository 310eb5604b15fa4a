// Work for closed files (issue #20): logs and C/C++ files that no other file's checks read are
// checked when opened, not at scan time, and a closed file's parses are not kept once its own
// checks are done unless other files' checks read it. The findings of every file that is checked
// stay those of a service that checks everything (the CLI's).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { getLanguageService, pathToUri } from '../../server/src/service';
import { fixturePath } from '../helpers/workspace';
import { kill, scannedServer, scratchWorkspaces } from './helpers';

const workspace = scratchWorkspaces();

const LOG = '2026-11-24 10:00:00.000 kernel: DK: MyController-0x100000abc::start(IOService-0x100000123) fails with 0xe00002e2 (kIOReturnNotPermitted)\n';
/** A vendored header no dext owns, with an unterminated comment (`iig-syntax` on any C/C++ file). */
const VENDORED = '// a library header\nclass Vendored {\n  int x; /* never closed\n};\n';
const DUPLICATED = '<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n\t<key>A</key><true/>\n\t<key>A</key><true/>\n</dict>\n</plist>\n';

/** The iig-mistakes fixture (a dext with .iig and .cpp mistakes), a crash log, a vendored header and a stray plist. */
function project(): { folder: string; log: string; vendored: string; cpp: string; iig: string; stray: string; info: string } {
  const folder = workspace('lazy');
  cpSync(fixturePath('iig-mistakes'), folder, { recursive: true });
  writeFileSync(join(folder, 'crash.log'), LOG);
  mkdirSync(join(folder, 'vendor'));
  writeFileSync(join(folder, 'vendor/lib.hpp'), VENDORED);
  mkdirSync(join(folder, 'Other'));
  writeFileSync(join(folder, 'Other/Stray.plist'), DUPLICATED);
  const uri = (p: string) => pathToUri(join(folder, p));
  return { folder, log: uri('crash.log'), vendored: uri('vendor/lib.hpp'), cpp: uri('Driver/MyController.cpp'), iig: uri('Driver/MyController.iig'), stray: uri('Other/Stray.plist'), info: uri('Driver/Info.plist') };
}

/** The distinct rule ids of a list of diagnostics (a log line can be explained twice: the pattern and the code). */
const codes = (list: { code: string }[]) => [...new Set(list.map((d) => d.code))];

test('lazily, the scan reads no log and closed C/C++ files no dext owns are not checked; every checked file has the findings of a full check', () => {
  const p = project();
  const full = getLanguageService();
  full.scanFolders([p.folder]);
  const lazy = getLanguageService(undefined, { lazyClosedFiles: true });
  lazy.scanFolders([p.folder]);
  // What the full check finds there, and the lazy one leaves for later.
  assert.deepEqual(codes(full.doValidation(p.log)), ['log-known-failure']);
  assert.deepEqual(codes(full.doValidation(p.vendored)), ['iig-syntax']);
  assert.equal(lazy.hasFile(p.log), false);
  assert.equal(lazy.isCheckedWhenClosed(p.vendored), false);
  // The dext's own sources are read by its .iig checks: checked, and those checks see them.
  assert.equal(lazy.isCheckedWhenClosed(p.cpp), true);
  assert.ok(lazy.doValidation(p.iig).some((d) => d.code === 'queue-not-registered'));
  const checked = lazy.fileUris().filter((u) => lazy.isCheckedWhenClosed(u));
  assert.deepEqual(checked.sort(), full.fileUris().filter((u) => u !== p.log && u !== p.vendored).sort());
  for (const uri of checked) assert.deepEqual(lazy.doValidation(uri), full.doValidation(uri), uri);
});

test('lazily, an opened log or vendored header is checked; closed, the log is forgotten and the header no longer checked', () => {
  const p = project();
  const lazy = getLanguageService(undefined, { lazyClosedFiles: true });
  lazy.scanFolders([p.folder]);
  lazy.openDocument(p.log, LOG, 1);
  assert.deepEqual(codes(lazy.doValidation(p.log)), ['log-known-failure']);
  assert.equal(lazy.closeDocument(p.log), false);
  assert.equal(lazy.hasFile(p.log), false);
  assert.deepEqual(lazy.fileChanged(p.log, 'changed'), [], 'a closed log changed on disk is not read');
  assert.equal(lazy.hasFile(p.log), false);
  lazy.openDocument(p.vendored, VENDORED, 1);
  assert.deepEqual(codes(lazy.doValidation(p.vendored)), ['iig-syntax']);
  lazy.closeDocument(p.vendored);
  assert.equal(lazy.isCheckedWhenClosed(p.vendored), false);
});

test('a closed file no other file reads keeps no parse tree after its check; the model rebuilds without parsing it again', () => {
  const p = project();
  const service = getLanguageService();
  service.scanFolders([p.folder]);
  const stray = service.workspace.get(p.stray)!;
  const info = service.workspace.get(p.info)!;
  assert.deepEqual(codes(service.doValidation(p.stray)), ['duplicate-key']);
  assert.equal(stray.hasParsed('plist'), false, 'the stray plist kept its tree');
  service.doValidation(p.info);
  assert.equal(info.hasParsed('plist'), true, 'a dext Info.plist is read by other files’ checks: its tree stays');
  // Another file joins: the model is built again from the facts kept, not from a new parse.
  service.workspace.set(pathToUri(join(p.folder, 'Other/New.entitlements')), readFileSync(join(p.folder, 'Other/Stray.plist'), 'utf8'));
  service.workspace.getModel();
  assert.equal(stray.hasParsed('plist'), false, 'rebuilding the model parsed the stray plist again');
  assert.deepEqual(codes(service.doValidation(p.stray)), ['duplicate-key'], 'checked again from a new parse, the same findings');
  // An open document keeps what it parsed: it is checked on every keystroke.
  service.openDocument(p.stray, DUPLICATED, 1);
  service.doValidation(p.stray);
  assert.equal(service.workspace.get(p.stray)!.hasParsed('plist'), true);
});

test('the server publishes no closed log or vendored header at scan; opened they are checked, closed their diagnostics go', async () => {
  const p = project();
  const { client, scanned } = await scannedServer(p.folder);
  try {
    assert.ok(scanned);
    await client.waitForDiagnostics((d) => d.uri === p.cpp && d.diagnostics.length > 0);
    assert.ok(!client.published.some((d) => d.uri === p.log || d.uri === p.vendored), 'published at scan time');
    for (const [uri, text, languageId, code] of [[p.log, LOG, 'driverkit-log', 'log-known-failure'], [p.vendored, VENDORED, 'cpp', 'iig-syntax']] as const) {
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      await client.waitForDiagnostics((d) => d.uri === uri && d.version === 1 && codes(d.diagnostics).includes(code));
      const before = client.published.length;
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await client.waitForDiagnostics((d) => d.uri === uri && d.diagnostics.length === 0 && client.published.indexOf(d) >= before);
    }
  } finally {
    kill(client);
  }
});
