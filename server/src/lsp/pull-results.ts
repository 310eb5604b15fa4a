// Pull diagnostics with result ids (LSP 3.17). Most keystrokes leave a file's diagnostics as they
// were: when the client's previous result still holds, the answer is `unchanged` (a few bytes)
// instead of the whole list, which the editor would parse and re-render for nothing.
import { DocumentDiagnosticReportKind, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver/node';

export class PullResults {
  private readonly last = new Map<string, { resultId: string; serialized: string; items: Diagnostic[] }>();
  private counter = 0;

  report(uri: string, previousResultId: string | undefined, items: Diagnostic[]): DocumentDiagnosticReport {
    const last = this.last.get(uri);
    // The same diagnostic objects (kept by validation, see convert.ts) need no serializing to compare.
    const same = last !== undefined && last.items.length === items.length && last.items.every((d, i) => d === items[i]);
    const serialized = same ? last.serialized : JSON.stringify(items);
    if (last?.serialized === serialized) {
      last.items = items;
      return previousResultId === last.resultId
        ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId }
        : { kind: DocumentDiagnosticReportKind.Full, resultId: last.resultId, items };
    }
    const resultId = String(++this.counter);
    this.last.set(uri, { resultId, serialized, items });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  /** A closed document: its next pull starts afresh. */
  forget(uri: string): void {
    this.last.delete(uri);
  }
}
