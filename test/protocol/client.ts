// A minimal LSP client for protocol tests: spawns the built server over stdio and speaks JSON-RPC.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { repoRoot } from '../helpers/workspace';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { code: string; range: { start: { line: number; character: number } }; message: string; severity: number }[];
}

export class LspTestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly published: PublishedDiagnostics[] = [];
  readonly logs: string[] = [];
  private waiters: { predicate: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void }[] = [];

  /**
   * Starts the built server (`node dist/server.js --stdio`) with `nodeArgs` for its node (the
   * benchmark preloads its GC observer), or `server` when given: an installed
   * `dext-language-server` executable and its environment (the install tests).
   */
  constructor(options: { server?: { command: string; env?: NodeJS.ProcessEnv }; nodeArgs?: readonly string[] } = {}) {
    if (options.server) {
      this.process = spawn(options.server.command, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.server.env });
    } else {
      // DEXT_SERVER_NODE_ARGS (e.g. `--cpu-prof`) profiles the server under a test or a benchmark.
      const envArgs = process.env.DEXT_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
      this.process = spawn(process.execPath, [...envArgs, ...(options.nodeArgs ?? []), join(repoRoot, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    }
    const reader = new StreamMessageReader(this.process.stdout!);
    // No partial-message timer: vscode-jsonrpc re-arms it every 10 s for as long as a partial
    // message stays in the buffer, and disposing the connection does not clear it. A server killed
    // in the middle of a message (the hardening tests kill servers during their scan) then kept
    // the test process alive for ever: seen hanging a CI run after its tests had passed.
    reader.partialMessageTimeout = 0;
    this.connection = createMessageConnection(reader, new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.onNotification('window/logMessage', (m: { message: string }) => {
      this.logs.push(m.message);
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.listen();
  }

  async initialize(folder: string, capabilities: Record<string, unknown> = {}, initializationOptions?: unknown): Promise<{ capabilities: Record<string, unknown> }> {
    const { pathToFileURL } = await import('node:url');
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'fixture' }],
      capabilities,
      ...(initializationOptions === undefined ? {} : { initializationOptions }),
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the first publication (past or future) matching the predicate. */
  waitForDiagnostics(predicate: (p: PublishedDiagnostics) => boolean, timeoutMs = 10000): Promise<PublishedDiagnostics> {
    const past = this.published.find(predicate);
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics within ${timeoutMs} ms; got ${JSON.stringify(this.published.map((p) => [p.uri, p.version, p.diagnostics.map((d) => d.code)]))}`)), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    // Let the server exit on its own (it writes a --cpu-prof profile then); kill it if it hangs.
    if (this.process.exitCode === null && this.process.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.process.kill();
          resolve();
        }, 2000);
        this.process.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
