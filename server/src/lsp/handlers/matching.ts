// The editor side of "Will it match?": the dumps named by `dext.matching.dumps` (re-read when they
// change on disk or in the editor), the dump the developer picked, and `ioreg -a -l` on this Mac.
// Reading and matching are the service's; this keeps which dumps the session has and runs ioreg.
import { execFile } from 'node:child_process';
import { platform } from 'node:os';
import { isAbsolute, join } from 'node:path';
import {
  CheckMatchingDumpRequest,
  CheckMatchingThisMacRequest,
  ClearMatchingRequest,
  MatchingReportRequest,
  type MatchingResult,
} from '../../../../protocol/protocol';
import type { Cancellation } from '../../cancellation';
import { pathToUri, uriToPath, type LoadedDump } from '../../service';
import type { ServerContext } from './context';

/** `ioreg -a -l` of a whole Mac is tens of megabytes and takes a few seconds. */
const IOREG_TIMEOUT_MS = 30_000;
const IOREG_MAX_BYTES = 512 * 1024 * 1024;

type DumpOrError = LoadedDump | { error: string };

export class MatchingSession {
  /** Configured dumps by uri (a dump that does not read is kept as its error). */
  private configured = new Map<string, DumpOrError>();
  private picked: LoadedDump | undefined;

  constructor(private readonly context: ServerContext) {}

  /** Gives the service the session's dumps; the dext Info.plists are checked again. */
  private apply(): void {
    const dumps: LoadedDump[] = [];
    for (const d of this.configured.values()) if ('dump' in d) dumps.push(d);
    if (this.picked && !dumps.some((d) => d.source === this.picked!.source)) dumps.push(this.picked);
    // Only the personalities' files read the dumps: a keystroke in a kept dump re-checks those alone.
    this.context.publishAll(this.context.service.setMatchingDumps(dumps));
  }

  private loaded(result: ReturnType<ServerContext['service']['readRegistryDumpFile']>, uri: string): DumpOrError {
    if (result.ok) return result.dump;
    this.context.connection.console.warn(`dext: registry dump ${uriToPath(uri)}: ${result.error}`);
    return { error: result.error };
  }

  /** Every personality against every dump: a second and more on a whole Mac's registry, so in slices. */
  private async report(cancel?: Cancellation): Promise<MatchingResult> {
    return { ok: true, markdown: await this.context.service.matchingReportYielding(cancel) };
  }

  /** `dext.matching.dumps` changed (paths relative to the first workspace folder). */
  setConfigured(paths: readonly string[]): void {
    const base = this.context.folders[0];
    const next = new Map<string, DumpOrError>();
    for (const p of paths) {
      const uri = pathToUri(isAbsolute(p) || !base ? p : join(base, p));
      next.set(uri, this.configured.get(uri) ?? this.loaded(this.context.service.readRegistryDumpFile(uri), uri));
    }
    this.configured = next;
    this.apply();
  }

  /** A configured dump edited in the editor; false when the document is no configured dump. */
  documentChanged(uri: string): boolean {
    if (!this.configured.has(uri)) return false;
    const text = this.context.service.textOf(uri);
    const result = text === undefined || text.startsWith('bplist') ? this.context.service.readRegistryDumpFile(uri) : this.context.service.readRegistryDump(uriToPath(uri), text);
    this.configured.set(uri, this.loaded(result, uri));
    this.apply();
    return true;
  }

  /** A configured dump changed on disk. */
  fileChanged(uri: string): boolean {
    if (!this.configured.has(uri)) return false;
    this.configured.set(uri, this.loaded(this.context.service.readRegistryDumpFile(uri), uri));
    this.apply();
    return true;
  }

  async pick(uri: string, cancel?: Cancellation): Promise<MatchingResult> {
    const result = this.context.service.readRegistryDumpFile(uri);
    if (!result.ok) return { ok: false, error: result.error };
    this.picked = result.dump;
    this.apply();
    return this.report(cancel);
  }

  thisMac(cancel?: Cancellation): Promise<MatchingResult> {
    if (platform() !== 'darwin') {
      return Promise.resolve({ ok: false, error: 'ioreg exists on macOS only: pick a dump taken on the Mac with the device attached (`ioreg -a -l > device.ioreg`).' });
    }
    return new Promise((resolveResult, reject) => {
      // Read-only: ioreg only prints the registry.
      execFile('/usr/sbin/ioreg', ['-a', '-l'], { timeout: IOREG_TIMEOUT_MS, maxBuffer: IOREG_MAX_BYTES, encoding: 'buffer' }, (error, stdout) => {
        if (error) {
          resolveResult({ ok: false, error: `ioreg -a -l failed: ${error.killed ? `no answer within ${IOREG_TIMEOUT_MS / 1000} s` : error.message}` });
          return;
        }
        const read = this.context.service.readRegistryDump('this Mac (ioreg -a -l)', stdout);
        if (!read.ok) {
          resolveResult({ ok: false, error: `ioreg -a -l printed something unexpected: ${read.error}` });
          return;
        }
        this.picked = read.dump;
        this.apply();
        this.report(cancel).then(resolveResult, reject);
      });
    });
  }

  clear(cancel?: Cancellation): Promise<MatchingResult> {
    this.picked = undefined;
    this.apply();
    return this.report(cancel);
  }

  reportRequest(cancel?: Cancellation): Promise<MatchingResult> {
    return this.report(cancel);
  }
}

export function registerMatching(context: ServerContext): void {
  const { connection } = context;
  const session = context.matching;
  const failed: MatchingResult = { ok: false, error: 'internal error (see the DEXT output)' };
  connection.onRequest(CheckMatchingDumpRequest, context.request(CheckMatchingDumpRequest.method, failed, ({ uri }, cancel) => session.pick(uri, cancel)));
  connection.onRequest(CheckMatchingThisMacRequest, context.request0(CheckMatchingThisMacRequest.method, failed, (cancel) => session.thisMac(cancel)));
  connection.onRequest(MatchingReportRequest, context.request0(MatchingReportRequest.method, failed, (cancel) => session.reportRequest(cancel)));
  connection.onRequest(ClearMatchingRequest, context.request0(ClearMatchingRequest.method, failed, (cancel) => session.clear(cancel)));
}
