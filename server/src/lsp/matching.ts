// The editor side of "Will it match?": the dumps named by `dext.matching.dumps` (re-read when they
// change on disk or in the editor), the dump the developer picked, `ioreg -a -l` on this Mac, and
// the requests the client's commands send. Kept out of server.ts so the adapter stays a wiring file.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { platform } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { readRegistryDump, type LoadedDump } from '../matching';
import type { LanguageService } from '../service';
import { pathToUri, uriToPath } from '../workspace/uri';

/** `ioreg -a -l` of a whole Mac is tens of megabytes and takes a few seconds. */
const IOREG_TIMEOUT_MS = 30_000;
const IOREG_MAX_BYTES = 512 * 1024 * 1024;

export interface MatchingResult {
  ok: boolean;
  error?: string;
  /** The `dext-match:` report. */
  markdown?: string;
}

export interface MatchingController {
  /** `dext.matching.dumps` changed (paths relative to the first workspace folder). */
  setConfiguredDumps(paths: readonly string[], folders: readonly string[]): void;
  /** A document's text, when it is one of the configured dumps (typing in a kept dump). */
  documentChanged(uri: string, text: string): boolean;
  /** A file changed on disk: re-read it if it is a configured dump. */
  fileChanged(uri: string): boolean;
}

export function registerMatching(connection: Connection, service: LanguageService, revalidateAll: () => void): MatchingController {
  /** Configured dumps by uri (a dump that does not read is kept as its error). */
  let configured = new Map<string, LoadedDump | { error: string }>();
  let picked: LoadedDump | undefined;

  const apply = () => {
    const dumps: LoadedDump[] = [];
    for (const d of configured.values()) if ('dump' in d) dumps.push(d);
    if (picked && !dumps.some((d) => d.source === picked!.source)) dumps.push(picked);
    service.setMatchingDumps(dumps);
    revalidateAll();
  };

  const read = (uri: string, input: Uint8Array | string): LoadedDump | { error: string } => {
    const path = uriToPath(uri);
    const result = readRegistryDump(input);
    if (!result.ok) {
      connection.console.warn(`dext: registry dump ${path}: ${result.error}`);
      return { error: result.error };
    }
    return { source: path, dump: result.dump };
  };

  const readFromDisk = (uri: string): LoadedDump | { error: string } => {
    try {
      return read(uri, readFileSync(uriToPath(uri)));
    } catch (error) {
      return { error: `cannot read ${uriToPath(uri)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    }
  };

  const report = (): MatchingResult => ({ ok: true, markdown: service.matchingReport() });

  connection.onRequest('dext/checkMatchingDump', ({ uri }: { uri: string }): MatchingResult => {
    try {
      const loaded = readFromDisk(uri);
      if ('error' in loaded) return { ok: false, error: loaded.error };
      picked = loaded;
      apply();
      return report();
    } catch (error) {
      connection.console.error(`dext: checkMatchingDump failed: ${error instanceof Error ? error.stack : String(error)}`);
      return { ok: false, error: 'internal error (see the DEXT output)' };
    }
  });

  connection.onRequest('dext/checkMatchingThisMac', (): Promise<MatchingResult> => {
    if (platform() !== 'darwin') return Promise.resolve({ ok: false, error: 'ioreg exists on macOS only: pick a dump taken on the Mac with the device attached (`ioreg -a -l > device.ioreg`).' });
    return new Promise((resolveResult) => {
      // Read-only: ioreg only prints the registry.
      execFile('/usr/sbin/ioreg', ['-a', '-l'], { timeout: IOREG_TIMEOUT_MS, maxBuffer: IOREG_MAX_BYTES, encoding: 'buffer' }, (error, stdout) => {
        if (error) {
          resolveResult({ ok: false, error: `ioreg -a -l failed: ${error.killed ? `no answer within ${IOREG_TIMEOUT_MS / 1000} s` : error.message}` });
          return;
        }
        const result = readRegistryDump(stdout);
        if (!result.ok) {
          resolveResult({ ok: false, error: `ioreg -a -l printed something unexpected: ${result.error}` });
          return;
        }
        picked = { source: 'this Mac (ioreg -a -l)', dump: result.dump };
        apply();
        resolveResult(report());
      });
    });
  });

  connection.onRequest('dext/matchingReport', (): MatchingResult => report());

  connection.onRequest('dext/clearMatching', (): MatchingResult => {
    picked = undefined;
    apply();
    return report();
  });

  return {
    setConfiguredDumps(paths, folders) {
      const base = folders[0];
      const next = new Map<string, LoadedDump | { error: string }>();
      for (const p of paths) {
        if (typeof p !== 'string' || !p.trim()) continue;
        const uri = pathToUri(isAbsolute(p) || !base ? p : join(base, p));
        next.set(uri, configured.get(uri) ?? readFromDisk(uri));
      }
      configured = next;
      apply();
    },
    documentChanged(uri, text) {
      if (!configured.has(uri)) return false;
      configured.set(uri, text.startsWith('bplist') ? readFromDisk(uri) : read(uri, text));
      apply();
      return true;
    },
    fileChanged(uri) {
      if (!configured.has(uri)) return false;
      configured.set(uri, readFromDisk(uri));
      apply();
      return true;
    },
  };
}
