// The standard language features: pull diagnostics, hover, completion, code actions, definition,
// references, outline and folding, each one service call translated to LSP.
import { DocumentDiagnosticReportKind, type CompletionParams, type DocumentDiagnosticParams, type DocumentDiagnosticReport, type HoverParams } from 'vscode-languageserver';
import { toLspCodeAction, toLspCompletion, toLspDiagnostic, toLspSymbol } from '../convert';
import type { ServerContext } from './context';

export function registerFeatures(context: ServerContext): void {
  const { connection, service } = context;

  connection.languages.diagnostics.on(
    context.request(
      'pullDiagnostics',
      { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport,
      async (params: DocumentDiagnosticParams, cancel) => {
        // Cross-file checks read the whole workspace: during the scan they would report what is
        // not read yet (a class whose .iig comes later), so the pull waits for it (cancellable).
        await service.whenReady(cancel);
        // Answer for the latest text: a pending debounced run would compute the same thing.
        const uri = params.textDocument.uri;
        return context.pullResults.report(uri, params.previousResultId, service.doValidation(uri).map(toLspDiagnostic));
      },
      // Given up at shutdown: nothing to pull again.
      { retriggerRequest: false },
    ) as Parameters<typeof connection.languages.diagnostics.on>[0],
  );

  // Answered at once, during a scan too: they read the file under the cursor and what is known.
  connection.onHover(
    context.request('hover', null, ({ textDocument, position }: HoverParams) => {
      const hover = service.doHover(textDocument.uri, position);
      return hover ? { contents: { kind: 'markdown' as const, value: hover.contents }, range: hover.range } : null;
    }),
  );

  connection.onCompletion(
    context.request('completion', [], ({ textDocument, position }: CompletionParams) =>
      service.doComplete(textDocument.uri, position).map(toLspCompletion),
    ),
  );

  connection.onCodeAction(
    context.request('codeAction', [], async ({ textDocument, range, context: actionContext }, cancel) => {
      // Quick fixes are those of the diagnostics, which wait for the scan (see the pull).
      await service.whenReady(cancel);
      const actions = service.doCodeActions(textDocument.uri, range).map((a) => toLspCodeAction(a, context.versionOf));
      const only = actionContext.only;
      return only?.length ? actions.filter((a) => only.some((k) => a.kind === k || a.kind?.startsWith(k + '.'))) : actions;
    }),
  );

  connection.onDefinition(context.request('definition', [], ({ textDocument, position }) => service.findDefinition(textDocument.uri, position)));
  connection.onReferences(context.request('references', [], ({ textDocument, position }) => service.findReferences(textDocument.uri, position)));
  connection.onDocumentSymbol(context.request('documentSymbol', [], ({ textDocument }) => service.findDocumentSymbols(textDocument.uri).map(toLspSymbol)));
  connection.onFoldingRanges(context.request('foldingRanges', [], ({ textDocument }) => service.getFoldingRanges(textDocument.uri)));
}
