// What a rule is: metadata next to one `check` function, the way ESLint and Ruff organise rules.
import type { OffsetEdit, Severity } from '../types';
import type { FileKind, WorkspaceFile } from '../workspace/files';
import type { Workspace } from '../workspace/workspace';

export interface RuleDocs {
  /** One line: what the rule reports (used in the README table and SARIF shortDescription). */
  summary: string;
  /** Markdown sections, each a paragraph or more. */
  what: string;
  why: string;
  /** Markdown shown under "Example" (kept short; `examples` below are the runnable cases). */
  example: string;
  fix: string;
  /**
   * Runnable examples (Biome's `expect_diagnostic`): the docs page shows them, and the docs test
   * runs each through the rule, so an example that stops firing (or starts) fails.
   */
  examples?: RuleExamples;
}

export interface RuleExample {
  /** Paths relative to the example project's root, to texts; the first file is the one shown. */
  files: Record<string, string>;
}

export interface RuleExamples {
  /** Each fires exactly `reports` times (default once) on its first file. */
  invalid: (RuleExample & { reports?: number })[];
  /** Each reports nothing on its first file. */
  valid: RuleExample[];
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** The file kinds the rule reads; the engine only runs it on those. */
  appliesTo: readonly FileKind[];
  /** Whether some of its reports carry a quick fix. */
  fixable: boolean;
  /** Rests on a fact no primary source confirms: kept at warning or below, and says "verify". */
  verify?: boolean;
  /**
   * The public sources the rule's claim rests on. An error-level rule needs at least one primary
   * source (Apple documentation, SDK header, Apple kernel or family source, Technical Q&A, an
   * Apple-signed artefact); see the severity policy in the README.
   */
  sources: readonly RuleSource[];
  /**
   * The keys of the plist's root dict whose values are all the rule reads of its file (besides the
   * root's key names, the workspace model and other files): an edit inside another key's value
   * keeps the rule's reports, shifted, instead of running it again (validation.ts). Leave it out
   * when the rule reads anything else of the file (the whole tree, its problems, its text beyond
   * the spans it reports).
   */
  reads?: readonly string[];
  docs: RuleDocs;
}

export interface RuleSource {
  /** A URL, or `owner/repo@commit:path:line (symbol)` for source code. */
  ref: string;
  /** Apple's own word or artefact (documentation, header, kernel/family source, Q&A, signed artefact). */
  primary: boolean;
}

export interface RuleFix {
  title: string;
  edits: OffsetEdit[];
  /** Safe to apply without review (used by `dextlint --fix`). */
  isPreferred?: boolean;
}

export interface RuleReport {
  start: number;
  end: number;
  message: string;
  fixes?: RuleFix[];
  /** Overrides the rule's default severity for this report (e.g. the legacy form is a warning). */
  severity?: Severity;
  related?: { uri: string; start: number; end: number; message: string }[];
  tags?: ('unnecessary' | 'deprecated')[];
}

export interface RuleContext {
  file: WorkspaceFile;
  workspace: Workspace;
  report(report: RuleReport): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
