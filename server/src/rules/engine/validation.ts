// Runs the rules that apply to a file, isolates each one (a rule that throws is logged and the
// others still report), applies severities and suppressions, and turns offsets into positions.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DextConfig } from '../../config';
import { tooManyProblems, tooManyProblemsDiagnostic } from './too-many-problems';
import { unknownRule, unknownRuleDiagnostics } from './unknown-rule';
import { ruleDocsUri } from '../docs';
import type { Rule, RuleReport } from '../types';
import { findSuppressions, isSuppressed } from './suppressions';
import { generatedFileAt, generatedFindings, locationInSpec } from './generated';
import type { DextDiagnostic, Fix, OffsetEdit, Severity, TextEdit } from '../../types';
import type { FileKind, WorkspaceFile } from '../../workspace/files';
import type { Workspace } from '../../workspace/workspace';

export interface ValidationOptions {
  config: DextConfig;
  /** Called when a rule throws; the rule's reports for this file are dropped. */
  onRuleError?: (ruleId: string, uri: string, error: unknown) => void;
  /** The rules to run (the service passes the registry; tests may pass others). */
  rules: readonly Rule[];
  /**
   * The ids a suppression comment may name besides the rules run (the service passes the whole
   * registry's, so that running a subset never makes a real id "unknown").
   */
  knownRuleIds?: readonly string[];
  /**
   * At most this many diagnostics for the file (the editor's limit); beyond it the first ones by
   * position are kept and `too-many-problems` says how many there were. No limit when undefined.
   */
  maxDiagnostics?: number;
}

export function toTextEdits(document: TextDocument, edits: readonly OffsetEdit[], workspace?: Workspace): TextEdit[] {
  return edits.map((e) => {
    const target = e.uri && e.uri !== document.uri ? workspace?.get(e.uri)?.document : document;
    const doc = target ?? document;
    return {
      range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
      newText: e.newText,
      ...(e.uri && e.uri !== document.uri ? { uri: e.uri } : {}),
    };
  });
}

export function severityFor(rule: Rule, config: DextConfig): Severity | 'off' {
  return config.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
}

/** The rules of a list that apply to a kind of file, listed once per list and kind. */
const rulesByKind = new WeakMap<readonly Rule[], Map<FileKind, readonly Rule[]>>();
function rulesFor(all: readonly Rule[], kind: FileKind): readonly Rule[] {
  let byKind = rulesByKind.get(all);
  if (!byKind) rulesByKind.set(all, (byKind = new Map()));
  let rules = byKind.get(kind);
  if (!rules) byKind.set(kind, (rules = all.filter((r) => r.meta.appliesTo.includes(kind))));
  return rules;
}

/** The ids a suppression may name: the rules run, and the two the engine reports itself. */
const knownIds = new WeakMap<readonly Rule[], WeakMap<readonly string[], readonly string[]>>();
const NONE: readonly string[] = [];
function knownRuleIds(rules: readonly Rule[], more: readonly string[] = NONE): readonly string[] {
  let byMore = knownIds.get(rules);
  if (!byMore) knownIds.set(rules, (byMore = new WeakMap()));
  let ids = byMore.get(more);
  if (!ids) byMore.set(more, (ids = [...new Set([...rules.map((r) => r.meta.id), ...more, unknownRule.meta.id, tooManyProblems.meta.id])]));
  return ids;
}

/** A rule's reports on a file, kept while what it reads does not change (`keptReports`). */
interface KeptReports {
  generation: number;
  revision: number;
  reports: RuleReport[];
  /** Whether some report offers a fix (fixes also read the text's layout). */
  fixes: boolean;
}
const keptByFile = new WeakMap<WorkspaceFile, Map<Rule, KeptReports>>();

/**
 * The reports `rule` made on an earlier revision of `file`, shifted to the current text, when it
 * declares what it reads (`meta.reads`) and nothing of that changed since: no other file and no
 * model fact (`onlyEditedSince`), and every change of the tree inside the value of another root
 * key, without layout changes when the reports carry fixes. Undefined when the rule must run.
 */
function keptReports(workspace: Workspace, file: WorkspaceFile, rule: Rule, kept: KeptReports | undefined): RuleReport[] | undefined {
  const reads = rule.meta.reads;
  if (!reads || !kept || !workspace.onlyEditedSince(kept.generation, file)) return undefined;
  const changes = file.plistChangesSince(kept.revision);
  if (!changes) return undefined;
  for (const change of changes) {
    if (change.withinRootKey === undefined || reads.includes(change.withinRootKey)) return undefined;
    if (kept.fixes && !change.plain) return undefined;
  }
  let reports = kept.reports;
  for (const change of changes) if (change.delta !== 0) reports = reports.map((r) => shiftedReport(r, file.uri, change.shiftFrom, change.delta));
  return reports;
}

/** A report with its offsets in `uri` at or after `from` moved by `delta` (a copy: reports may share fixes). */
function shiftedReport(report: RuleReport, uri: string, from: number, delta: number): RuleReport {
  const at = (offset: number) => (offset >= from ? offset + delta : offset);
  const shifted: RuleReport = { ...report, start: at(report.start), end: at(report.end) };
  if (report.fixes) {
    shifted.fixes = report.fixes.map((fix) => ({
      ...fix,
      edits: fix.edits.map((e) => (e.uri && e.uri !== uri ? e : { ...e, start: at(e.start), end: at(e.end) })),
    }));
  }
  if (report.related) shifted.related = report.related.map((r) => (r.uri === uri ? { ...r, start: at(r.start), end: at(r.end) } : r));
  return shifted;
}

export function validateFile(workspace: Workspace, file: WorkspaceFile, options: ValidationOptions): DextDiagnostic[] {
  const kind = workspace.kindOf(file);
  if (!kind) return [];
  const document = file.document;
  const diagnostics: DextDiagnostic[] = [];
  const max = options.maxDiagnostics ?? Infinity;
  let unconverted = 0;
  for (const rule of rulesFor(options.rules, kind)) {
    const configured = severityFor(rule, options.config);
    if (configured === 'off') continue;
    let reports: RuleReport[] = [];
    const keptOfFile = rule.meta.reads ? (keptByFile.get(file) ?? keptByFile.set(file, new Map()).get(file)!) : undefined;
    const reused = keptOfFile && keptReports(workspace, file, rule, keptOfFile.get(rule));
    if (reused) reports = reused;
    else {
      try {
        rule.check({ file, workspace, report: (r) => reports.push(r) });
      } catch (error) {
        keptOfFile?.delete(rule);
        options.onRuleError?.(rule.meta.id, file.uri, error);
        continue;
      }
    }
    if (keptOfFile) {
      // The revision whose tree the reports are of: the tree is read, so later changes are logged from here.
      void file.plist;
      keptOfFile.set(rule, { generation: workspace.generation, revision: file.revision, reports, fixes: reports.some((r) => !!r.fixes?.length) });
    }
    const overridden = options.config.rules[rule.meta.id] !== undefined;
    // Reports beyond the limit are counted, not converted: positions, fixes and messages of 80,000
    // duplicate keys would cost seconds and a gigabyte to show nobody.
    // The first by position are the ones kept in the end.
    if (reports.length > max) reports.sort((a, b) => a.start - b.start);
    const converted = Math.min(reports.length, max);
    unconverted += reports.length - converted;
    for (let i = 0; i < converted; i++) {
      const r = reports[i]!;
      diagnostics.push(toDiagnostic(workspace, document, rule.meta.id, overridden ? configured : (r.severity ?? configured), r));
    }
  }
  // A spec shows the findings of the plists it makes XcodeGen write (generated.ts).
  if (kind === 'xcodegen' || kind === 'yaml') diagnostics.push(...generatedFindings(workspace, file, (generated) => validateFile(workspace, generated, { ...options, maxDiagnostics: undefined })));
  const suppressions = findSuppressions(file.text, (offset) => document.positionAt(offset).line, kind === 'xcodegen' || kind === 'yaml');
  const kept = diagnostics.filter((d) => !isSuppressed(suppressions, d.code, d.range.start.line));
  const unknownSeverity = severityFor(unknownRule, options.config);
  if (unknownSeverity !== 'off') {
    kept.push(...unknownRuleDiagnostics(document, suppressions, unknownSeverity, knownRuleIds(options.rules, options.knownRuleIds)));
  }
  kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const total = kept.length + unconverted;
  const limitSeverity = severityFor(tooManyProblems, options.config);
  if (kept.length > max) kept.length = max;
  if (total > max && limitSeverity !== 'off') kept.unshift(tooManyProblemsDiagnostic(document, total, kept.length, limitSeverity));
  return kept;
}

function toDiagnostic(
  workspace: Workspace,
  document: TextDocument,
  code: string,
  severity: Severity,
  report: RuleReport,
): DextDiagnostic {
  // A fix that edits a plist XcodeGen writes would be undone by the next generation: not offered.
  const fixes: Fix[] = (report.fixes ?? []).filter((f) => f.edits.every((e) => !e.uri || !generatedFileAt(workspace, e.uri))).map((f) => ({
    title: f.title,
    edits: toTextEdits(document, f.edits, workspace),
    ...(f.isPreferred ? { isPreferred: true } : {}),
  }));
  const diagnostic: DextDiagnostic = {
    code,
    severity,
    message: report.message,
    range: { start: document.positionAt(report.start), end: document.positionAt(report.end) },
    fixes,
    docsUri: ruleDocsUri(code),
  };
  if (report.related?.length) {
    diagnostic.related = report.related.map((r) => {
      const other = workspace.get(r.uri)?.document ?? generatedFileAt(workspace, r.uri)?.document ?? document;
      const range = { start: other.positionAt(r.start), end: other.positionAt(r.end) };
      // A location in a plist XcodeGen writes is shown where the spec writes it.
      return { uri: r.uri, message: r.message, range, ...locationInSpec(workspace, r.uri, range) };
    });
  }
  if (report.tags) diagnostic.tags = report.tags;
  return diagnostic;
}
