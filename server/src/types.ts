// The language service's own vocabulary. Positions follow LSP: 0-based lines and UTF-16 characters,
// so the LSP adapter and the CLI's JSON output pass them through unchanged.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface TextEdit {
  range: Range;
  newText: string;
  /** Another document than the diagnostic's (a fix that also edits a .cpp from an .iig). */
  uri?: string;
}

/** A quick fix: edits to the diagnostic's own document. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Preferred fix (shown first, applied by `dextlint --fix`): only fixes that are always safe. */
  isPreferred?: boolean;
}

export interface RelatedInformation {
  uri: string;
  range: Range;
  message: string;
}

export interface DextDiagnostic {
  /** The rule id, e.g. `plist-syntax`. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  related?: RelatedInformation[];
  /** `unnecessary` renders faded in editors (e.g. a redundant key). */
  tags?: ('unnecessary' | 'deprecated')[];
  /** The rule's documentation page (editors show it as the code's link). */
  docsUri?: string;
}

/** A span of offsets in one document, used by rules before conversion to line/character. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
  /** Another document than the one being checked; offsets are in that document. */
  uri?: string;
}
