// What a rule is: metadata next to one `check` function, the way ESLint and Ruff organise rules.
import type { PlistDict, PlistEntry } from '../plist/types';
import type { OffsetEdit, Severity } from '../types';
import type { FileKind, TreeChange, WorkspaceFile } from '../workspace/files';
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
   * the spans it reports). It describes the whole rule, parts or not (`Rule.parts`): a copy of
   * the rule without its parts is kept by it alone.
   */
  reads?: readonly string[];
  /** With `reads`: the rule also reads the parser's problems (its reports are kept while they stay). */
  readsProblems?: boolean;
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
  /**
   * How `check` splits into parts checked one at a time (rules/parts.ts makes such rules): with
   * `meta.reads`, validation checks again only the parts an edit touched and keeps the others'
   * reports (rules/engine/kept.ts). `check` must report what `prepare` then every part in `all`
   * order report.
   */
  parts?: RuleParts;
}

/** A part a rule checks on its own: a personality's entry in `IOKitPersonalities`, or a dict. */
export type RulePart = PlistEntry | PlistDict;

export interface RuleParts {
  /** The kinds of file checked part by part; on others validation runs `check` every time. */
  kinds: readonly FileKind[];
  /**
   * The root key whose value holds the parts: a change inside it is a part's (`touched`), though
   * `meta.reads` names it, and a change inside another root key's value touches no part. Without
   * it the parts are anywhere, and `meta.reads` is left out.
   */
  within?: string;
  /** Every part of a (text) plist, in the order `check` visits them. */
  all(file: WorkspaceFile): Iterable<RulePart>;
  /**
   * The parts a change of the tree touched, found from where it is (not by walking the file); or
   * undefined when it may have changed what every part reads. Called for changes inside `within`
   * and inside the values of root keys `meta.reads` leaves out (and for root keys' own edits when
   * `meta.reads` is left out).
   */
  touched(file: WorkspaceFile, change: TreeChange): Iterable<RulePart> | undefined;
  /** Whether a part is still in the file's tree (a splice detaches the subtree it replaced). */
  inFile(file: WorkspaceFile, part: RulePart): boolean;
  /**
   * What the parts' checks share, from what the rule reads besides the parts (`meta.reads`, the
   * model, other files, and each part's `summary`); undefined: no part is checked. It may report.
   */
  prepare(context: RuleContext): unknown;
  /**
   * What `prepare` reads of a part, when it reads any (rules comparing parts with each other): a
   * part whose summary changes makes validation check every part again.
   */
  summary?(file: WorkspaceFile, part: RulePart): string;
  check(part: RulePart, shared: unknown, context: RuleContext): void;
}
