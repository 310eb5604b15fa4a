// "Will it match?" in the editor: DEXT: Check Matching Against a Registry Dump… (a file, or a uri
// argument for scripts and tests) and DEXT: Check Matching Against This Mac (the server runs
// `ioreg -a -l`). The server publishes the diagnostics on the personalities; the client shows the
// report as the read-only `dext-match:` document.
import { commands, EventEmitter, ProgressLocation, Uri, window, workspace, type Disposable, type TextDocumentContentProvider } from 'vscode';
import { CheckMatchingDumpRequest, CheckMatchingThisMacRequest, type MatchingResult } from '../../protocol/protocol';
import { guarded, type CommandContext } from './commands';

export const MATCH_SCHEME = 'dext-match';
export const MATCH_REPORT_URI = Uri.from({ scheme: MATCH_SCHEME, path: '/Personality matching.md' });

class MatchReport implements TextDocumentContentProvider {
  private text = '';
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  set(text: string): void {
    this.text = text;
    this.changed.fire(MATCH_REPORT_URI);
  }
  provideTextDocumentContent(): string {
    return this.text;
  }
  dispose(): void {
    this.changed.dispose();
  }
}

async function showResult(report: MatchReport, result: MatchingResult): Promise<void> {
  if (!result.ok || result.markdown === undefined) {
    void window.showErrorMessage(`DEXT: ${result.error ?? 'matching failed'}`);
    return;
  }
  report.set(result.markdown);
  await window.showTextDocument(await workspace.openTextDocument(MATCH_REPORT_URI), { preview: true });
}

function running(ctx: CommandContext) {
  const client = ctx.client();
  if (client?.isRunning()) return client;
  void window.showWarningMessage('The DEXT language server is not running. Run “DEXT: Restart Language Server”.');
  return undefined;
}

export function registerMatchingCommands(ctx: CommandContext): Disposable[] {
  const report = new MatchReport();
  return [
    report,
    workspace.registerTextDocumentContentProvider(MATCH_SCHEME, report),
    commands.registerCommand('dext.checkMatchingDump', guarded('Check Matching Against a Registry Dump', async (arg) => {
      const client = running(ctx);
      if (!client) return;
      let dump = arg instanceof Uri ? arg : typeof arg === 'string' ? Uri.parse(arg) : undefined;
      if (!dump) {
        const picked = await window.showOpenDialog({
          title: 'DEXT: Check Matching Against a Registry Dump',
          openLabel: 'Check Matching',
          canSelectMany: false,
          filters: { 'Registry dumps (ioreg -a, system_profiler -xml)': ['ioreg', 'plist', 'xml', 'txt'], 'All files': ['*'] },
        });
        dump = picked?.[0];
      }
      if (!dump) return;
      await showResult(report, await client.sendRequest(CheckMatchingDumpRequest, { uri: dump.toString() }));
    })),
    commands.registerCommand('dext.checkMatchingThisMac', guarded('Check Matching Against This Mac', async () => {
      const client = running(ctx);
      if (!client) return;
      await showResult(report, await window.withProgress({ location: ProgressLocation.Notification, title: 'DEXT: reading the I/O Registry (ioreg -a -l)…' }, () => client.sendRequest(CheckMatchingThisMacRequest)));
    })),
  ];
}
