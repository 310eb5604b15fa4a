// Pull diagnostics with result ids (LSP 3.17). Most keystrokes leave a file's diagnostics as they
// were: when the client's previous result still holds, the answer is `unchanged` (a few bytes)
// instead of the whole list, which the editor would parse and re-render for nothing.
import { DocumentDiagnosticReportKind, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver/node';

export class PullResults {
  private readonly last = new Map<string, { resultId: string; serialized: string }>();
  private counter = 0;

  report(uri: string, previousResultId: string | undefined, items: Diagnostic[]): DocumentDiagnosticReport {
    const serialized = JSON.stringify(items);
    const last = this.last.get(uri);
    if (last?.serialized === serialized) {
      return previousResultId === last.resultId
        ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId }
        : { kind: DocumentDiagnosticReportKind.Full, resultId: last.resultId, items };
    }
    const resultId = String(++this.counter);
    this.last.set(uri, { resultId, serialized });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  /** A closed document: its next pull starts afresh. */
  forget(uri: string): void {
    this.last.delete(uri);
  }
}
