// A throwaway code-server (VS Code in the browser) with the packaged extension installed, and a
// headless Chromium page on it: the harness of the end-to-end test.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface CodeServerOptions {
  codeServerEntry: string;
  chromium: string;
  vsix: string;
  /** Folder copied into the sandbox and opened as the workspace. */
  project: string;
  /** code-server's output goes here. */
  logFile: string;
}

export interface CodeServerSession {
  page: Page;
  /** The workspace copy (edits land here). */
  workspace: string;
  close(): Promise<void>;
}

/** User settings that keep a fresh profile from taking the keyboard; Workspace Trust stays on. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  // Trust is not granted: the workspace opens in Restricted Mode without the modal asking for it,
  // which is exactly the situation the extension must work in.
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'editor.hover.delay': 200,
  // VS Code for the Web saves after a delay by default: a pause while the suggest widget settles
  // then wrote the half-typed snippet prefix to disk. The tests save explicitly.
  'files.autoSave': 'off',
  'git.enabled': false,
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it listened`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServerSession> {
  const sandbox = mkdtempSync(join(tmpdir(), 'dext-e2e-'));
  const userData = join(sandbox, 'user-data');
  const extensions = join(sandbox, 'extensions');
  const workspace = join(sandbox, 'project');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  cpSync(options.project, workspace, { recursive: true });

  const base = ['--user-data-dir', userData, '--extensions-dir', extensions];
  const install = spawnSync(process.execPath, [options.codeServerEntry, ...base, '--install-extension', options.vsix], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (install.status !== 0) throw new Error(`--install-extension failed:\n${install.stdout}\n${install.stderr}`);

  const port = await freePort();
  const log = createWriteStream(options.logFile);
  const child = spawn(
    process.execPath,
    [
      options.codeServerEntry,
      ...base,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      workspace,
    ],
    // Its own process group, so closing ends code-server and everything it started (extension
    // host, language server), and nothing else.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: sandbox } },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    log.end();
    rmSync(sandbox, { recursive: true, force: true });
  };

  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitForHttp(`${url}healthz`, child, 30_000);
    browser = await chromium.launch({
      executablePath: options.chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${url}?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    return { page, workspace, close };
  } catch (error) {
    await close();
    throw error;
  }
}
