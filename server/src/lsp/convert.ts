// Translating the service's answers into LSP types. Nothing here knows a rule.
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { CompletionKind, LspCodeAction, ServiceCompletion, ServiceSymbol, ServiceSymbolKind } from '../service';
import type { DextDiagnostic, Range, Severity } from '../types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * One LSP diagnostic per service diagnostic: validation hands back the same diagnostic objects
 * for reports an edit left (rules/engine/kept.ts), and the pull answer can then tell, by
 * identity, that nothing changed (pull-results.ts).
 */
const converted = new WeakMap<DextDiagnostic, Diagnostic>();

export function toLspDiagnostic(d: DextDiagnostic): Diagnostic {
  let out = converted.get(d);
  if (!out) converted.set(d, (out = convert(d)));
  return out;
}

function convert(d: DextDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    ...(d.docsUri ? { codeDescription: { href: d.docsUri } } : {}),
    source: 'dext',
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  }
  if (d.tags?.length) {
    out.tags = d.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  }
  return out;
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
  class: CompletionItemKind.Class,
  keyword: CompletionItemKind.Keyword,
  enum: CompletionItemKind.EnumMember,
  module: CompletionItemKind.Module,
  constant: CompletionItemKind.Constant,
};

export function toLspCompletion(item: ServiceCompletion): CompletionItem {
  const out: CompletionItem = {
    label: item.label,
    kind: COMPLETION_KIND[item.kind],
    insertTextFormat: item.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (item.detail) out.detail = item.detail;
  if (item.documentation) out.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
  if (item.sortText) out.sortText = item.sortText;
  if (item.filterText) out.filterText = item.filterText;
  if (item.range) out.textEdit = { range: item.range, newText: item.insertText };
  else out.insertText = item.insertText;
  return out;
}

const ACTION_KIND: Record<string, string> = {
  quickfix: CodeActionKind.QuickFix,
  refactor: CodeActionKind.Refactor,
  'refactor.rewrite': CodeActionKind.RefactorRewrite,
  source: CodeActionKind.Source,
};

/** The version an edit of `uri` was computed on: the open document's, null for a closed file. */
export type VersionOf = (uri: string) => number | null;

/**
 * A service edit as a WorkspaceEdit: versioned `documentChanges` when the client supports them (so
 * a stale edit is refused, not applied to other text), plain `changes` otherwise.
 */
export function toLspWorkspaceEdit(edits: Record<string, { range: Range; newText: string }[]>, versionOf: VersionOf | undefined): WorkspaceEdit {
  if (!versionOf) return { changes: edits };
  return { documentChanges: Object.entries(edits).map(([uri, list]) => ({ textDocument: { uri, version: versionOf(uri) }, edits: list })) };
}

export function toLspCodeAction(a: LspCodeAction, versionOf?: VersionOf): CodeAction {
  const out: CodeAction = { title: a.title, kind: ACTION_KIND[a.kind] ?? CodeActionKind.QuickFix };
  if (a.edits) out.edit = toLspWorkspaceEdit(a.edits, versionOf);
  if (a.command) out.command = { title: a.command.title, command: a.command.command, arguments: a.command.arguments };
  if (a.diagnostics) out.diagnostics = a.diagnostics.map(toLspDiagnostic);
  if (a.isPreferred) out.isPreferred = true;
  return out;
}

const SYMBOL_KIND: Record<ServiceSymbolKind, SymbolKind> = {
  class: SymbolKind.Class,
  method: SymbolKind.Method,
  property: SymbolKind.Property,
  object: SymbolKind.Object,
  array: SymbolKind.Array,
  string: SymbolKind.String,
  number: SymbolKind.Number,
  boolean: SymbolKind.Boolean,
  key: SymbolKind.Key,
  field: SymbolKind.Field,
  module: SymbolKind.Module,
};

export function toLspSymbol(s: ServiceSymbol): DocumentSymbol {
  const out: DocumentSymbol = {
    name: s.name,
    kind: SYMBOL_KIND[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
  };
  if (s.detail) out.detail = s.detail;
  if (s.children) out.children = s.children.map(toLspSymbol);
  return out;
}
