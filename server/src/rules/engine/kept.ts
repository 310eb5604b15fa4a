// Validation proportional to the edit. A rule that declares what it reads of its file
// (`meta.reads`) keeps its reports from one validation to the next while nothing of that changed:
// no other file and no model fact (`Workspace.onlyEditedSince`), and every change of the tree
// outside what it reads. A rule checked part by part (`Rule.parts`, rules/parts.ts) goes further:
// a change inside one part (a personality, a dict) checks that part again and keeps the others'
// reports. Kept reports are shifted with the edits after them. The bar, checked by property tests
// (test/unit/engine/): after any edit sequence, the reports equal those of a fresh run.
import type { Rule, RuleContext, RulePart, RuleReport } from '../types';
import { PLIST_KINDS, type FileKind, type TreeChange, type WorkspaceFile } from '../../workspace/files';
import type { Workspace } from '../../workspace/workspace';

/** A rule's last run on a file: what the next validation may keep. */
export interface KeptRun {
  generation: number;
  /** The file's revision whose tree the reports are of. */
  revision: number;
  /** The reports, in the order a run makes them. */
  reports: RuleReport[];
  /** Whether some report offers a fix: fixes also read the text's layout (see `TreeChange.plain`). */
  fixes: boolean;
  parts?: PartsRun;
}

/** A part-by-part run: what `prepare` returned and reported, and each part's reports. */
interface PartsRun {
  shared: unknown;
  prepared: RuleReport[];
  /** The parts that reported, with their reports. */
  byPart: Map<RulePart, RuleReport[]>;
  /** Rules with `summary`: every part's summary. */
  summaries?: Map<RulePart, string>;
}

/** The changes of a file's tree since a revision, read once per validation for every rule. */
export type ChangesSince = (revision: number) => readonly TreeChange[] | undefined;

/**
 * The reports of `rule` on `file`, kept from `previous` where the edits since allow it, else
 * from a run; and what the next validation may keep (undefined when the rule declares no
 * inputs, or the file is not a text plist). Throws what the rule throws.
 */
export function runKept(
  workspace: Workspace,
  file: WorkspaceFile,
  kind: FileKind,
  rule: Rule,
  previous: KeptRun | undefined,
  changesSince: ChangesSince,
): { reports: RuleReport[]; kept?: KeptRun } {
  const keepable = (rule.meta.reads !== undefined || rule.parts !== undefined) && PLIST_KINDS.includes(kind) && !file.plist.binary;
  if (!keepable || (rule.parts && !rule.parts.kinds.includes(kind))) return { reports: wholeRun(workspace, file, rule) };
  // The revision whose tree the reports are of: the tree is read, so later changes are logged from here.
  void file.plist;
  const changes = previous && workspace.onlyEditedSince(previous.generation, file) ? changesSince(previous.revision) : undefined;
  const kept = (changes && (previous!.parts ? keptParts(workspace, file, rule, previous!, changes) : keptWhole(file, rule, previous!, changes))) || freshRun(workspace, file, rule);
  kept.generation = workspace.generation;
  kept.revision = file.revision;
  return { reports: kept.reports, kept };
}

function collector(workspace: Workspace, file: WorkspaceFile, into: RuleReport[]): RuleContext {
  return { file, workspace, report: (r) => into.push(r) };
}

function wholeRun(workspace: Workspace, file: WorkspaceFile, rule: Rule): RuleReport[] {
  const reports: RuleReport[] = [];
  rule.check(collector(workspace, file, reports));
  return reports;
}

function freshRun(workspace: Workspace, file: WorkspaceFile, rule: Rule): KeptRun {
  const parts = rule.parts;
  if (!parts) {
    const reports = wholeRun(workspace, file, rule);
    return { generation: 0, revision: 0, reports, fixes: hasFixes(reports) };
  }
  const run: PartsRun = { shared: undefined, prepared: [], byPart: new Map() };
  run.shared = parts.prepare(collector(workspace, file, run.prepared));
  if (parts.summary) {
    run.summaries = new Map();
    for (const part of parts.all(file)) run.summaries.set(part, parts.summary(file, part));
  }
  if (run.shared !== undefined) {
    for (const part of parts.all(file)) checkPart(workspace, file, rule, run, part);
  }
  const reports = reportsOfParts(run);
  return { generation: 0, revision: 0, reports, fixes: hasFixes(reports), parts: run };
}

function checkPart(workspace: Workspace, file: WorkspaceFile, rule: Rule, run: PartsRun, part: RulePart): void {
  const reports: RuleReport[] = [];
  rule.parts!.check(part, run.shared, collector(workspace, file, reports));
  if (reports.length) run.byPart.set(part, reports);
  else run.byPart.delete(part);
}

/** The reports of a part-by-part run in the order `check` makes them: prepare's, then the parts' in document order. */
function reportsOfParts(run: PartsRun): RuleReport[] {
  const reports = [...run.prepared];
  const parts = [...run.byPart.keys()].sort((a, b) => a.start - b.start);
  for (const part of parts) reports.push(...run.byPart.get(part)!);
  return reports;
}

const hasFixes = (reports: readonly RuleReport[]) => reports.some((r) => !!r.fixes?.length);

/**
 * Whether a change leaves what every kept report rests on: the layout, for reports with fixes
 * (see `TreeChange.plain`), and the parser's problems for rules that read them.
 */
function keepsCommonInputs(rule: Rule, previous: KeptRun, change: TreeChange): boolean {
  if (previous.fixes && !change.plain) return false;
  return !rule.meta.readsProblems || (change.splice !== undefined && !change.splice.problems);
}

/** A whole rule's reports, shifted, when every change is inside the value of a root key it does not read. */
function keptWhole(file: WorkspaceFile, rule: Rule, previous: KeptRun, changes: readonly TreeChange[]): KeptRun | undefined {
  const reads = rule.meta.reads;
  if (!reads) return undefined;
  for (const change of changes) {
    if (!keepsCommonInputs(rule, previous, change)) return undefined;
    if (change.withinRootKey === undefined || reads.includes(change.withinRootKey)) return undefined;
  }
  previous.reports = shifted(previous.reports, file.uri, changes);
  return previous;
}

/**
 * A part-by-part rule's reports: the parts the changes touched are checked again, the others'
 * reports kept and shifted. Undefined when a change may reach what every part reads (then the
 * rule runs whole): what `meta.reads` names besides the parts' root key, the root's keys, the
 * tree read whole, a part's summary.
 */
function keptParts(workspace: Workspace, file: WorkspaceFile, rule: Rule, previous: KeptRun, changes: readonly TreeChange[]): KeptRun | undefined {
  const parts = rule.parts!;
  const run = previous.parts!;
  const reads = rule.meta.reads ?? [];
  const touched = new Set<RulePart>();
  for (const change of changes) {
    if (!change.splice || !keepsCommonInputs(rule, previous, change)) return undefined;
    const key = change.withinRootKey;
    if (key === undefined ? reads.length > 0 : key !== parts.within && reads.includes(key)) return undefined;
    const found = parts.touched(file, change);
    if (!found) return undefined;
    for (const part of found) touched.add(part);
  }
  if (!changes.length) return previous;
  // Summaries first: a changed one changes what prepare made of all parts.
  if (parts.summary) {
    for (const part of touched) if (parts.inFile(file, part) && parts.summary(file, part) !== run.summaries!.get(part)) return undefined;
  }
  run.prepared = shifted(run.prepared, file.uri, changes);
  for (const [part, reports] of run.byPart) {
    if (!parts.inFile(file, part)) run.byPart.delete(part);
    else run.byPart.set(part, shifted(reports, file.uri, changes));
  }
  if (run.shared !== undefined) for (const part of touched) if (parts.inFile(file, part)) checkPart(workspace, file, rule, run, part);
  previous.reports = reportsOfParts(run);
  previous.fixes = hasFixes(previous.reports);
  return previous;
}

/**
 * Reports with their offsets in `uri` moved by each change in turn. A report is copied when a
 * change moves it or may move its line and column (a line break added or removed before it, even
 * with no offset moving): validation converts a report object once and reuses the diagnostic
 * while the object stays (validation.ts). The same array when no report is copied.
 */
function shifted(reports: RuleReport[], uri: string, changes: readonly TreeChange[]): RuleReport[] {
  let out = reports;
  for (const change of changes) {
    if (change.delta === 0 && change.plain) continue;
    const after = Math.min(change.edit.start, change.shiftFrom);
    let copy: RuleReport[] | undefined;
    for (let i = 0; i < out.length; i++) {
      const moved = shiftedReport(out[i]!, uri, after, change.shiftFrom, change.delta);
      if (moved !== out[i]) (copy ??= [...out])[i] = moved;
    }
    if (copy) out = copy;
  }
  return out;
}

/**
 * A report with its offsets in `uri` at or after `from` moved by `delta`: a copy (reports may
 * share fixes) when it has an offset at or after `after`, else the report itself.
 */
function shiftedReport(report: RuleReport, uri: string, after: number, from: number, delta: number): RuleReport {
  const here = (e: { uri?: string }) => !e.uri || e.uri === uri;
  const moves =
    report.end >= after ||
    !!report.fixes?.some((f) => f.edits.some((e) => here(e) && e.end >= after)) ||
    !!report.related?.some((r) => r.uri === uri && r.end >= after);
  if (!moves) return report;
  const at = (offset: number) => (offset >= from ? offset + delta : offset);
  const moved: RuleReport = { ...report, start: at(report.start), end: at(report.end) };
  if (report.fixes) moved.fixes = report.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => (here(e) ? { ...e, start: at(e.start), end: at(e.end) } : e)) }));
  if (report.related) moved.related = report.related.map((r) => (r.uri === uri ? { ...r, start: at(r.start), end: at(r.end) } : r));
  return moved;
}
