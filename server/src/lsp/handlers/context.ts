// What every handler of the adapter shares: the connection, the service, what the client said it
// supports, and publishing. Handlers translate, call the service, translate back; each one is
// guarded so that a failure is a logged line, never a dead server.
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import type { LanguageService } from '../../service';
import { escapeControl } from '../../text/control';
import { toLspDiagnostic, type VersionOf } from '../convert';
import { Debouncer } from '../debounce';
import { PullResults } from '../pull-results';
import { MatchingSession } from './matching';

/** Quiet period after the last keystroke before a document is re-validated. */
const DEBOUNCE_MS = 120;
/** Longest stretch of scan-time publishing without a turn of the event loop. */
const YIELD_EVERY_MS = 20;

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

  /**
   * `fn` with its errors caught and logged; `fallback` answers instead. Outside the running phase
   * nothing runs: a request gets the specification's error (-32002 before initialize, -32600 after
   * shutdown), which the connection sends as the response; a notification is dropped.
   */
  guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      if (this.phase === 'uninitialized') return new ResponseError(ErrorCodes.ServerNotInitialized, `dext: ${name} before initialize`) as R;
      if (this.phase === 'shutdown') return new ResponseError(ErrorCodes.InvalidRequest, `dext: ${name} after shutdown`) as R;
      try {
        return fn(...args);
      } catch (error) {
        this.connection.console.error(`dext: ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
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

  /** Pushes a file's diagnostics, unless the client pulls them for open documents. */
  publish(uri: string): void {
    if (!this.service.hasFile(uri)) return;
    if (this.capabilities.pull && this.service.isOpen(uri)) return;
    const diagnostics = this.service.doValidation(uri).map(toLspDiagnostic);
    const version = this.service.openVersion(uri);
    // A closed file with nothing to say, that never had anything to say, needs no message.
    if (!diagnostics.length && version === undefined && !this.nonEmpty.has(uri)) return;
    if (diagnostics.length) this.nonEmpty.add(uri);
    else this.nonEmpty.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics, ...(version !== undefined ? { version } : {}) });
  }

  /** Clears what was published for a file that is gone. */
  clear(uri: string): void {
    this.nonEmpty.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
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
   * `publishAll` for the many files of a scan, with a turn of the event loop every few
   * milliseconds so that requests are answered meanwhile; stops after shutdown.
   */
  async publishAllYielding(uris: Iterable<string>): Promise<void> {
    let slice = Date.now();
    for (const uri of uris) {
      if (this.phase === 'shutdown') return;
      this.guard('publish', undefined, () => this.publish(uri))();
      if (Date.now() - slice >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = Date.now();
      }
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
