// End-to-end: the packaged extension in a real VS Code (code-server) driven through its UI by
// headless Chromium. Provisions what it needs (test/e2e/provision.mjs); skips only when this
// machine cannot be provisioned at all. Screenshots go to test/e2e/artifacts/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { getLanguageService } from '../../server/src/service';
import { pathToUri } from '../../server/src/workspace/uri';
import { DEVELOPMENT_CONFIGURATION_TEXT } from '../helpers/snippets';
import { applyEdits, diagnosticsOf, fixturePath, repoRoot, workspaceFromFiles, workspaceFromFolder } from '../helpers/workspace';
import { startCodeServer, type CodeServerSession } from './code-server';
import { provision, ProvisionUnavailable } from './provision.mjs';
import { textOf, until, Workbench } from './workbench';

const PROJECT = fixturePath('e2e-project');
const ENTITLEMENTS = 'MyDriver/MyDriver.entitlements';
const ARTIFACTS = join(repoRoot, 'test/e2e/artifacts');

interface Expected {
  rules: string[];
  files: Record<string, [string, number, number][]>;
}

/** Plain words of a Markdown text's first meaningful line: what the rendered hover must show. */
function firstWords(markdown: string): string {
  const line = markdown.split('\n').map((l) => l.replace(/[#*_`>[\]]/g, '').trim()).find((l) => l.length > 8) ?? '';
  return line.split(/\s+/).slice(0, 6).join(' ');
}

function ensureBundles(): void {
  if (existsSync(join(repoRoot, 'dist/server.js')) && existsSync(join(repoRoot, 'dist/client.js'))) return;
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(build.status, 0, `npm run build failed:\n${build.stderr}`);
}

function packageVsix(dir: string): string {
  const out = join(dir, 'dext-tools.vsix');
  const result = spawnSync(process.execPath, ['scripts/package-vsix.mjs', '--no-build', '--out', out], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(result.status, 0, `packaging failed:\n${result.stdout}\n${result.stderr}`);
  return out;
}

/** Provisioning runs first, with its own (long) time limit: a cold cache builds code-server. */
let env: ReturnType<typeof provision> | undefined;
let skipReason = '';
const provisionLog: string[] = [];
before(() => {
  try {
    env = provision((line) => provisionLog.push(line));
  } catch (error) {
    if (!(error instanceof ProvisionUnavailable)) throw error;
    skipReason = `code-server cannot be provisioned on this machine: ${error.message}`;
  }
}, { timeout: 20 * 60_000 });

test('DEXT Tools works in a real VS Code (code-server 4.100.3 + Chromium)', { timeout: 180_000 }, async (t) => {
  if (!env) {
    t.skip(skipReason);
    return;
  }
  const started = Date.now();
  for (const line of provisionLog) t.diagnostic(`provision: ${line}`);
  t.diagnostic(`provisioning: ${env.elapsedMs} ms`);

  ensureBundles();
  const scratch = mkdtempSync(join(tmpdir(), 'dext-e2e-vsix-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  let session: CodeServerSession | undefined;
  try {
    const vsix = packageVsix(scratch);
    session = await startCodeServer({
      codeServerEntry: env.codeServerEntry,
      chromium: env.chromium,
      vsix,
      project: PROJECT,
      logFile: join(ARTIFACTS, 'code-server.log'),
    });
    const { page, workspace } = session;
    const bench = new Workbench(page);
    const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    await bench.focus();

    // What the language service says about the fixture: the UI must show the same.
    const expected = JSON.parse(readFileSync(join(PROJECT, 'expected.json'), 'utf8')) as Expected;
    const service = getLanguageService(workspaceFromFolder(PROJECT));
    const entitlementsPath = join(PROJECT, ENTITLEMENTS);
    const original = readFileSync(entitlementsPath, 'utf8');

    await t.test('diagnostics appear in the Problems panel with their rule ids', async () => {
      const wanted = Object.entries(expected.files).flatMap(([file, list]) => list.map(([code]) => ({ file, code })));
      assert.ok(wanted.length >= 2);
      const text = await bench.problems(
        (s) => wanted.every(({ file, code }) => s.includes(code) && s.includes(file.slice(file.lastIndexOf('/') + 1))),
        `the Problems panel to list ${wanted.map((w) => w.code).join(', ')}`,
        60_000,
      );
      await shot('01-problems');
      for (const { code } of wanted) assert.ok(text.includes(code), code);
    });

    await t.test('the workspace is in Restricted Mode and no trust prompt blocks the extension', async () => {
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible' });
      assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no modal dialog is open');
    });

    const duplicate = diagnosticsOf(service.workspace, entitlementsPath).find((d) => d.code === 'duplicate-key');
    assert.ok(duplicate?.fixes[0], 'the fixture has a duplicate-key diagnostic with a quick fix');
    const fix = duplicate.fixes[0];
    const afterFix = applyEdits(original, fix.edits);
    const onDisk = () => readFileSync(join(workspace, ENTITLEMENTS), 'utf8');
    /**
     * Waits for the saved file to read `want`, then asserts it (showing the difference when it
     * never does). Waiting for "any change" instead read the file between the truncation and the
     * write of a save: an empty text.
     */
    const assertSaved = async (want: string, what: string) => {
      await until(what, async () => onDisk() === want, 10_000).catch(() => undefined);
      assert.equal(onDisk(), want);
    };

    await t.test('a quick fix from the light bulb changes the file and clears its diagnostic', async () => {
      await bench.openFile(ENTITLEMENTS);
      const bulb = page.locator('.editor-instance .lightBulbWidget').first();
      // The light bulb follows the cursor once the code actions for its place are in: placing
      // the cursor again asks again (the first request can race the document's opening).
      await until('the light bulb on the duplicate key', async () => {
        await bench.goTo(duplicate.range.start.line + 1, duplicate.range.start.character + 1);
        return bulb.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
      });
      await shot('02-light-bulb');
      await bulb.click();
      const action = page.locator('.action-widget .monaco-list-row', { hasText: fix.title }).first();
      await action.waitFor({ state: 'visible' });
      await shot('03-quick-fix-menu');
      // The menu lays a pointer block over the workbench that the first mouse move removes.
      await action.hover({ force: true });
      await action.click();
      await bench.save();
      await assertSaved(afterFix, 'the fixed file to be saved');
      await bench.problems((s) => !s.includes('duplicate-key'), 'duplicate-key to leave the Problems panel');
      await shot('04-fixed');
    });

    await t.test('the dext-usb-dev snippet inserts the exact development configuration', async () => {
      const lines = afterFix.split('\n');
      const trueLine = lines.findIndex((l, i) => i > 0 && lines[i - 1].includes('<key>com.apple.developer.driverkit</key>'));
      assert.ok(trueLine > 0);
      await bench.goTo(trueLine + 1, lines[trueLine].length + 1);
      await page.keyboard.press('Enter');
      await page.keyboard.type('dext-usb-dev');
      // The focused suggestion must be the snippet (not Emmet's abbreviation of the same word).
      await bench.acceptSuggestion('USB development configuration', 'com.apple.developer.driverkit.transport.usb', () => shot('05-snippet-suggestion'));
      await page.keyboard.press('Escape'); // leave the snippet's placeholders
      await bench.save();
      const indent = /^\s*/.exec(lines[trueLine])![0];
      const inserted = DEVELOPMENT_CONFIGURATION_TEXT.usb.split('\n').map((l) => indent + l).join('\n');
      const want = [...lines.slice(0, trueLine + 1), inserted, ...lines.slice(trueLine + 1)].join('\n');
      await assertSaved(want, 'the file with the snippet to be saved');
      await shot('06-snippet-inserted');
    });

    await t.test('hover shows the documentation of a known key', async () => {
      const keyLine = original.split('\n').findIndex((l) => l.includes('<key>com.apple.developer.driverkit</key>'));
      const character = original.split('\n')[keyLine].indexOf('com.apple') + 4;
      const hover = service.doHover(pathToUri(entitlementsPath), { line: keyLine, character });
      // What the hover says is the service's to test; this test checks the UI shows it.
      assert.ok(hover, 'the language service has a hover for com.apple.developer.driverkit');
      const words = firstWords(hover.contents);
      assert.ok(words.length > 0);
      await bench.goTo(keyLine + 1, character + 1);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const widget = page.locator('.monaco-hover:not(.hidden)', { hasText: words.split(' ')[0] }).first();
      await widget.waitFor({ state: 'visible' });
      await until(`the hover to show “${words}”`, async () => (await textOf(widget)).replace(/\s+/g, ' ').includes(words));
      await shot('07-hover');
    });

    await t.test('“Add PCI Development Configuration” applies the server’s edit to the entitlements', async () => {
      const before = onDisk();
      // The edit is the service's to decide (and to test); the UI must apply exactly that edit.
      const current = workspaceFromFiles({ [entitlementsPath]: before });
      const answer = getLanguageService(current).addDevelopmentConfiguration(pathToUri(entitlementsPath), 'pci');
      const edits = answer.edits?.[pathToUri(entitlementsPath)];
      assert.ok(edits, `the language service offers the PCI development configuration: ${answer.message ?? ''}`);
      await bench.runCommand('DEXT: Add PCI Development Configuration');
      await bench.save();
      await assertSaved(applyEdits(before, edits), 'the PCI configuration to be saved');
      assert.ok(onDisk().includes('<string>0xFFFFFFFF&amp;0x00000000</string>'));
      await shot('08-pci-development-configuration');
    });

    await t.test('“Show Rule Documentation” picks a rule and previews its page', async () => {
      await bench.runCommand('DEXT: Show Rule Documentation', { opensQuickInput: true });
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'DEXT: Show Rule Documentation' }).waitFor({ state: 'visible' });
      await page.locator('.quick-input-widget input').fill('duplicate-key');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'duplicate-key' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab', { hasText: 'duplicate-key.md' }).first().waitFor({ state: 'visible' });
      // The preview is a webview: its text lives in a nested frame.
      await until('the rule page in the preview', async () => {
        for (const frame of page.frames()) {
          if (await frame.locator('h1', { hasText: 'duplicate-key' }).count().catch(() => 0)) return true;
        }
        return false;
      });
      await shot('09-rule-documentation');
    });

    await t.test('“Check Matching Against a Registry Dump…” puts the verdict on the personality', async () => {
      // The command's file picker is VS Code's simple dialog in code-server: type the path.
      await bench.runCommand('DEXT: Check Matching Against a Registry Dump…', { opensQuickInput: true });
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      // The simple dialog reuses the palette's input: it writes its starting folder there once it has
      // read it (text typed before is overwritten), and reads a typed path asynchronously (an Enter
      // pressed before is swallowed); both seen on a loaded CI machine. So: wait for the dialog's
      // title and a folder in the input, type the path, accept with the dialog's button once the
      // file is listed, and start again until the dialog has closed on it.
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Check Matching Against a Registry Dump' }).waitFor({ state: 'visible' });
      await until('the file dialog to show its starting folder', async () => (await input.inputValue()).startsWith('/'));
      const listed = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'resources.ioreg' }).first();
      const accept = page.locator('.quick-input-widget .monaco-button', { hasText: 'Check Matching' }).first();
      const dumpPath = join(workspace, 'resources.ioreg');
      await until('the file dialog to accept resources.ioreg', async () => {
        if ((await input.inputValue()) !== dumpPath) await input.fill(dumpPath);
        if (!(await listed.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false))) return false;
        if ((await input.inputValue()) !== dumpPath) return false;
        await accept.click();
        return page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).then(() => true, () => false);
      }, 90_000);
      await page.locator('.tabs-container .tab', { hasText: 'Personality matching.md' }).first().waitFor({ state: 'visible', timeout: 60_000 });
      await bench.problems((s) => s.includes('personality-matches'), 'personality-matches in the Problems panel', 60_000);
      await shot('10-matching');
    });
  } finally {
    if (session) {
      await session.page.screenshot({ path: join(ARTIFACTS, '99-final.png') }).catch(() => undefined);
      await session.close();
    }
    rmSync(scratch, { recursive: true, force: true });
    t.diagnostic(`end-to-end: ${Date.now() - started} ms`);
  }
});
