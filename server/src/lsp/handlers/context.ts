// What every handler of the adapter shares: the connection, the service, what the client said it
// supports, and publishing. Handlers translate, call the service, translate back; each one is
// guarded so that a failure is a logged line, never a dead server.
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { CancelledError, runInSlices, type Cancellation } from '../../cancellation';
import type { LanguageService } from '../../service';
import { escapeControl } from '../../text/control';
import { toLspDiagnostic, type VersionOf } from '../convert';
import { Debouncer } from '../debounce';
import { PullResults } from '../pull-results';
import { MatchingSession } from './matching';

/** Quiet period after the last keystroke before a document is re-validated. */
const DEBOUNCE_MS = 120;
/** Files published between two drains of the writer: what an answer may wait behind. */
const PUBLISHED_PER_SLICE = 32;

export interface ClientCapabilities {
  pull: boolean;
  refresh: boolean;
  progress: boolean;
  configuration: boolean;
  watchedFilesRegistration: boolean;
  /** `workspace.workspaceEdit.documentChanges`: edits can carry the version they were computed on. */
  documentChanges: boolean;
}

/** Where the server is in the LSP lifecycle: requests are served only while running. */
export type Phase = 'uninitialized' | 'running' | 'shutdown';

export class ServerContext {
  readonly capabilities: ClientCapabilities = { pull: false, refresh: false, progress: false, configuration: false, watchedFilesRegistration: false, documentChanges: false };
  /** The workspace folders, as paths (fixed at initialization). */
  folders: string[] = [];
  phase: Phase = 'uninitialized';
  readonly debouncer = new Debouncer(DEBOUNCE_MS);
  readonly pullResults = new PullResults();
  /** Files whose last published diagnostics were not empty. */
  private readonly nonEmpty = new Set<string>();

  /** The registry dumps of this session (`dext.matching.dumps` and the picked one). */
  readonly matching: MatchingSession;

  constructor(
    readonly connection: Connection,
    readonly service: LanguageService,
  ) {
    this.matching = new MatchingSession(this);
  }

  /** The specification's error for a message outside the running phase (-32002 before initialize, -32600 after shutdown). */
  private refusal(name: string): ResponseError | undefined {
    if (this.phase === 'uninitialized') return new ResponseError(ErrorCodes.ServerNotInitialized, `dext: ${name} before initialize`);
    if (this.phase === 'shutdown') return new ResponseError(ErrorCodes.InvalidRequest, `dext: ${name} after shutdown`);
    return undefined;
  }

  private logFailure(name: string, error: unknown): void {
    this.connection.console.error(`dext: ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }

  /**
   * `fn` with its errors caught and logged; `fallback` answers instead. Outside the running phase
   * nothing runs: a request gets the specification's error, which the connection sends as the
   * response; a notification is dropped.
   */
  guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      const refused = this.refusal(name);
      if (refused) return refused as R;
      try {
        return fn(...args);
      } catch (error) {
        this.logFailure(name, error);
        return fallback;
      }
    };
  }

  /** Asked by long work: the server is shutting down, or (with a token) the client cancelled the request. */
  cancellation(token?: CancellationToken): Cancellation {
    const context = this;
    return {
      get isCancellationRequested() {
        return context.phase === 'shutdown' || !!token?.isCancellationRequested;
      },
    };
  }

  /**
   * A request handler, guarded as `guard` does, whose work gets a Cancellation (the client's
   * `$/cancelRequest`, the server's shutdown) and may be long and asynchronous. A request the
   * client cancelled, before or during the work, is answered RequestCancelled (-32800); one the
   * server gave up (shutdown) ServerCancelled (-32802), with `serverCancelledData` (a diagnostic
   * pull says there whether to pull again).
   */
  request<P, R, E = void>(
    name: string,
    fallback: R,
    fn: (params: P, cancel: Cancellation) => R | Promise<R>,
    serverCancelledData?: E,
  ): (params: P, token: CancellationToken) => Promise<R | ResponseError<E>> {
    return async (params, token) => {
      // The lifecycle errors carry no data.
      const refused = this.refusal(name) as ResponseError<E> | undefined;
      if (refused) return refused;
      const cancel = this.cancellation(token);
      try {
        if (cancel.isCancellationRequested) throw new CancelledError();
        return await fn(params, cancel);
      } catch (error) {
        if (error instanceof CancelledError) {
          return token.isCancellationRequested
            ? new ResponseError<E>(LSPErrorCodes.RequestCancelled, `dext: ${name} cancelled`)
            : new ResponseError(LSPErrorCodes.ServerCancelled, `dext: ${name} stopped: the server is shutting down`, serverCancelledData);
        }
        this.logFailure(name, error);
        return fallback;
      }
    };
  }

  /** The version edits of `uri` are computed on, when the client can refuse stale ones. */
  get versionOf(): VersionOf | undefined {
    if (!this.capabilities.documentChanges) return undefined;
    return (uri) => this.service.openVersion(uri) ?? null;
  }

  /** Logs, once, every file the service did not read (unreadable, not a file, too large, outside the workspace). */
  reportSkipped(): void {
    for (const s of this.service.takeSkipped()) this.connection.console.warn(`dext: skipped ${escapeControl(s.detail)}`);
  }

  /** `request` for a request without parameters (vscode-jsonrpc passes its handler the token only). */
  request0<R>(name: string, fallback: R, fn: (cancel: Cancellation) => R | Promise<R>): (token: CancellationToken) => Promise<R | ResponseError<void>> {
    const handler = this.request(name, fallback, (_: void, cancel) => fn(cancel));
    return (token) => handler(undefined, token);
  }

  /**
   * Pushes a file's diagnostics, unless the client pulls them for open documents; the message's
   * write, when one is sent.
   */
  publish(uri: string): Promise<void> | undefined {
    if (!this.service.hasFile(uri)) return undefined;
    if (this.capabilities.pull && this.service.isOpen(uri)) return undefined;
    // A closed file checked only when open (a vendored header): what it showed while open goes.
    if (!this.service.isOpen(uri) && !this.service.isCheckedWhenClosed(uri)) return this.nonEmpty.has(uri) ? this.clear(uri) : undefined;
    const diagnostics = this.service.doValidation(uri).map(toLspDiagnostic);
    const version = this.service.openVersion(uri);
    // A closed file with nothing to say, that never had anything to say, needs no message.
    if (!diagnostics.length && version === undefined && !this.nonEmpty.has(uri)) return undefined;
    if (diagnostics.length) this.nonEmpty.add(uri);
    else this.nonEmpty.delete(uri);
    return this.connection.sendDiagnostics({ uri, diagnostics, ...(version !== undefined ? { version } : {}) });
  }

  /** Clears what was published for a file that is gone (or no longer checked). */
  clear(uri: string): Promise<void> {
    this.nonEmpty.delete(uri);
    return this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Asks a pulling client to pull again (cross-file changes). */
  refresh(): void {
    if (this.capabilities.pull && this.capabilities.refresh) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  publishAll(uris: Iterable<string>): void {
    for (const uri of uris) this.publish(uri);
    this.refresh();
  }

  /**
   * `publishAll` for many files (a scan, a settings change), in slices: a turn of the event loop
   * every few milliseconds or PUBLISHED_PER_SLICE files, and each turn waits until what the slice
   * before sent is written. Without that wait 20,000 notifications queue in the writer faster than
   * the pipe takes them (vscode-jsonrpc writes one message per turn), and the answer to a request
   * made meanwhile is written after all of them: 1.2 s behind 12,000 of them. The slice before,
   * not this one: the next slice is checked while this one is written (two cores). Stops quietly
   * at shutdown.
   */
  async publishAllYielding(uris: Iterable<string>): Promise<void> {
    const context = this;
    let written: Promise<unknown> = Promise.resolve();
    let writtenBefore: Promise<unknown> = written;
    const drain = () => {
      const wait = writtenBefore;
      writtenBefore = written;
      return wait.catch(() => undefined);
    };
    function* steps(): Generator<void, void> {
      for (const uri of uris) {
        try {
          written = context.publish(uri) ?? written;
        } catch (error) {
          context.logFailure('publish', error);
        }
        yield;
      }
    }
    try {
      await runInSlices(steps(), { cancel: this.cancellation(), maxSteps: PUBLISHED_PER_SLICE, drain });
    } catch (error) {
      if (error instanceof CancelledError) return;
      throw error;
    }
    this.refresh();
  }

  /** Re-validates a file and the files that depend on it. */
  revalidate(uri: string): void {
    this.publishAll([uri, ...this.service.dependentsOf(uri)]);
  }

  schedule(uri: string): void {
    this.debouncer.run(uri, this.guard('validate', undefined, () => this.revalidate(uri)));
  }
}
