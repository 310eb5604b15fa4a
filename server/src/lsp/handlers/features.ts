// The standard language features: pull diagnostics, hover, completion, code actions, definition,
// references, outline and folding, each one service call translated to LSP.
import { DocumentDiagnosticReportKind } from 'vscode-languageserver';
import { toLspCodeAction, toLspCompletion, toLspDiagnostic, toLspSymbol } from '../convert';
import type { ServerContext } from './context';

export function registerFeatures(context: ServerContext): void {
  const { connection, service } = context;

  connection.languages.diagnostics.on(
    context.guard('pullDiagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, (params, token) => {
      if (token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      // Answer for the latest text: a pending debounced run would compute the same thing.
      const uri = params.textDocument.uri;
      return context.pullResults.report(uri, params.previousResultId, service.doValidation(uri).map(toLspDiagnostic));
    }) as Parameters<typeof connection.languages.diagnostics.on>[0],
  );

  connection.onHover(
    context.guard('hover', null, ({ textDocument, position }, token) => {
      if (token.isCancellationRequested) return null;
      const hover = service.doHover(textDocument.uri, position);
      return hover ? { contents: { kind: 'markdown', value: hover.contents }, range: hover.range } : null;
    }),
  );

  connection.onCompletion(
    context.guard('completion', [], ({ textDocument, position }, token) =>
      token.isCancellationRequested ? [] : service.doComplete(textDocument.uri, position).map(toLspCompletion),
    ),
  );

  connection.onCodeAction(
    context.guard('codeAction', [], ({ textDocument, range, context: actionContext }, token) => {
      if (token.isCancellationRequested) return [];
      const actions = service.doCodeActions(textDocument.uri, range).map((a) => toLspCodeAction(a, context.versionOf));
      const only = actionContext.only;
      return only?.length ? actions.filter((a) => only.some((k) => a.kind === k || a.kind?.startsWith(k + '.'))) : actions;
    }),
  );

  connection.onDefinition(context.guard('definition', [], ({ textDocument, position }) => service.findDefinition(textDocument.uri, position)));
  connection.onReferences(context.guard('references', [], ({ textDocument, position }) => service.findReferences(textDocument.uri, position)));
  connection.onDocumentSymbol(context.guard('documentSymbol', [], ({ textDocument }) => service.findDocumentSymbols(textDocument.uri).map(toLspSymbol)));
  connection.onFoldingRanges(context.guard('foldingRanges', [], ({ textDocument }) => service.getFoldingRanges(textDocument.uri)));
}
