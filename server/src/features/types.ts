// Editor features beyond diagnostics. Each area of the service (entitlements, personalities, .iig,
// profiles, logs) contributes providers; the service asks every contribution that applies to the
// file's kind and merges the answers. Offsets are UTF-16 offsets into the file's text.
import type { OffsetEdit } from '../types';
import type { DextDiagnostic } from '../types';
import type { FileKind, WorkspaceFile } from '../workspace/files';
import type { Workspace } from '../workspace/workspace';

export interface FeatureContext {
  file: WorkspaceFile;
  workspace: Workspace;
}

export interface PositionContext extends FeatureContext {
  offset: number;
}

export interface HoverResult {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

export type CompletionKind = 'property' | 'value' | 'snippet' | 'class' | 'keyword' | 'enum' | 'module' | 'constant';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert; a snippet (with `${1:placeholder}`) when `isSnippet`. */
  insertText: string;
  isSnippet?: boolean;
  /** The span the insertion replaces (defaults to the word at the cursor). */
  replace?: { start: number; end: number };
  sortText?: string;
  filterText?: string;
}

/** A location in any workspace file. */
export interface Location {
  uri: string;
  start: number;
  end: number;
}

export interface CodeActionContext extends FeatureContext {
  start: number;
  end: number;
  /** The diagnostics the editor sent for this range (already computed by the service). */
  diagnostics: DextDiagnostic[];
}

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'refactor' | 'refactor.rewrite' | 'source';
  /** Edits by document URI (offsets in that document). */
  edits?: Record<string, OffsetEdit[]>;
  /** A client command to run instead of / after the edits (e.g. open docs). */
  command?: { title: string; command: string; arguments?: unknown[] };
  diagnostics?: DextDiagnostic[];
  isPreferred?: boolean;
}

export type SymbolKind = 'class' | 'method' | 'property' | 'object' | 'array' | 'string' | 'number' | 'boolean' | 'key' | 'field' | 'module';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children?: DocumentSymbol[];
}

export interface FoldingRange {
  /** Offsets; the adapter turns them into lines. */
  start: number;
  end: number;
  kind?: 'comment' | 'region';
}

/** What one area of the service adds to the editor. Every provider is optional. */
export interface FeatureContribution {
  /** A name for logs. */
  name: string;
  appliesTo: readonly (FileKind | 'any')[];
  hover?(context: PositionContext): HoverResult | undefined;
  completion?(context: PositionContext): CompletionItem[];
  codeActions?(context: CodeActionContext): CodeAction[];
  definition?(context: PositionContext): Location[];
  references?(context: PositionContext): Location[];
  documentSymbols?(context: FeatureContext): DocumentSymbol[];
  foldingRanges?(context: FeatureContext): FoldingRange[];
}
