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

/**
 * The changes of a file's tree since a rule's last run, and what every rule asks of them, worked
 * out once per validation (a validation of a dext Info.plist decides for some thirty rules).
 */
interface ChangeDigest {
  changes: readonly TreeChange[];
  /** The root keys whose values held the changes; undefined when some change was not inside one. */
  keys: ReadonlySet<string> | undefined;
  /** Every change a splice (none read the tree whole). */
  spliced: boolean;
  /** Every edit plain (`TreeChange.plain`). */
  plain: boolean;
  /** Some change may have changed the parser's problems. */
  problems: boolean;
  /** Some report after an edit may have moved: an offset, or a line (see `shifted`). */
  moves: boolean;
  /** Some splice re-read a dict or an array: parts under the old one may have left the tree. */
  containers: boolean;
}

/**
 * What one validation of a file asks of it for every rule, asked once: whether its reports can
 * be kept at all (a text plist), and the changes of its tree since a rule's last run.
 */
export class KeptSession {
  /** A text plist: the only files whose tree changes are logged. */
  readonly plist: boolean;
  private readonly digests = new Map<number, ChangeDigest | undefined>();
  private readonly changes = new Map<number, readonly TreeChange[] | undefined>();

  constructor(
    readonly workspace: Workspace,
    readonly file: WorkspaceFile,
    readonly kind: FileKind,
  ) {
    // The tree is read: its later changes are logged from this revision on, the one every run of this validation is of.
    this.plist = PLIST_KINDS.includes(kind) && !file.plist.binary;
  }

  /** The changes since a run of `generation` and `revision`; undefined when not known, or when anything else changed. */
  digest(generation: number, revision: number): ChangeDigest | undefined {
    if (!this.plist || !this.workspace.onlyEditedSince(generation, this.file)) return undefined;
    if (!this.digests.has(revision)) this.digests.set(revision, digestOf(this.changesSince(revision)));
    return this.digests.get(revision);
  }

  /** The tree's changes since `revision` (see `WorkspaceFile.plistChangesSince`); undefined for files that log none. */
  changesSince(revision: number): readonly TreeChange[] | undefined {
    if (!this.plist) return undefined;
    if (!this.changes.has(revision)) this.changes.set(revision, this.file.plistChangesSince(revision));
    return this.changes.get(revision);
  }
}

function digestOf(changes: readonly TreeChange[] | undefined): ChangeDigest | undefined {
  if (!changes) return undefined;
  let keys: Set<string> | undefined = new Set();
  const digest: ChangeDigest = { changes, keys, spliced: true, plain: true, problems: false, moves: false, containers: false };
  for (const change of changes) {
    const splice = change.splice;
    if (change.withinRootKey === undefined) keys = digest.keys = undefined;
    else keys?.add(change.withinRootKey);
    if (!splice) digest.spliced = false;
    if (!change.plain) digest.plain = false;
    if (!splice || splice.problems) digest.problems = true;
    if (change.delta !== 0 || !change.plain) digest.moves = true;
    if (splice?.added && (splice.added.kind === 'dict' || splice.added.kind === 'array')) digest.containers = true;
  }
  return digest;
}

/**
 * The reports of `rule`, kept from `previous` where the edits since allow it, else from a run;
 * and what the next validation may keep (undefined when the rule declares no inputs, or the
 * file is not a text plist). Throws what the rule throws.
 */
export function runKept(session: KeptSession, rule: Rule, previous: KeptRun | undefined): { reports: RuleReport[]; kept?: KeptRun } {
  const { workspace, file, kind } = session;
  const keepable = session.plist && (rule.parts ? rule.parts.kinds.includes(kind) : rule.meta.reads !== undefined);
  if (!keepable) return { reports: wholeRun(workspace, file, rule) };
  const digest = previous && session.digest(previous.generation, previous.revision);
  const kept = (digest && keepsCommonInputs(rule, previous!, digest) && (previous!.parts ? keptParts(workspace, file, rule, previous!, digest) : keptWhole(file, rule, previous!, digest))) || freshRun(workspace, file, rule);
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
 * Whether the changes leave what every kept report rests on: the layout, for reports with fixes
 * (see `TreeChange.plain`), and the parser's problems for rules that read them.
 */
function keepsCommonInputs(rule: Rule, previous: KeptRun, digest: ChangeDigest): boolean {
  if (previous.fixes && !digest.plain) return false;
  return !rule.meta.readsProblems || !digest.problems;
}

/** Whether a change inside one of `keys` may reach what the rule reads (besides `within`, the root key of its parts). */
function readsAny(reads: readonly string[], keys: ReadonlySet<string>, within?: string): boolean {
  for (const key of reads) if (key !== within && keys.has(key)) return true;
  return false;
}

/** A whole rule's reports, shifted, when every change is inside the value of a root key it does not read. */
function keptWhole(file: WorkspaceFile, rule: Rule, previous: KeptRun, digest: ChangeDigest): KeptRun | undefined {
  const reads = rule.meta.reads;
  if (!reads || !digest.keys || readsAny(reads, digest.keys)) return undefined;
  if (digest.moves) previous.reports = shifted(previous.reports, file.uri, digest.changes);
  return previous;
}

/**
 * A part-by-part rule's reports: the parts the changes touched are checked again, the others'
 * reports kept and shifted. Undefined when a change may reach what every part reads (then the
 * rule runs whole): what `meta.reads` names besides the parts' root key, the root's keys, the
 * tree read whole, a part's summary.
 */
function keptParts(workspace: Workspace, file: WorkspaceFile, rule: Rule, previous: KeptRun, digest: ChangeDigest): KeptRun | undefined {
  const parts = rule.parts!;
  const run = previous.parts!;
  const reads = rule.meta.reads ?? [];
  if (!digest.spliced) return undefined;
  const touched = new Set<RulePart>();
  if (digest.keys && readsAny(reads, digest.keys, parts.within)) return undefined;
  // Changes outside the parts' root key touch none of them.
  if (!digest.keys || parts.within === undefined || digest.keys.has(parts.within)) {
    for (const change of digest.changes) {
      const key = change.withinRootKey;
      if (key === undefined ? reads.length > 0 : key !== parts.within && reads.includes(key)) return undefined;
      const found = parts.touched(file, change);
      if (!found) return undefined;
      for (const part of found) touched.add(part);
    }
  }
  // Nothing touched, nothing moved: the last run's reports as they were.
  if (!touched.size && !digest.moves && !digest.containers) return previous;
  // Summaries first: a changed one changes what prepare made of all parts.
  if (parts.summary) {
    for (const part of touched) if (parts.inFile(file, part) && parts.summary(file, part) !== run.summaries!.get(part)) return undefined;
  }
  if (digest.moves) run.prepared = shifted(run.prepared, file.uri, digest.changes);
  for (const [part, reports] of run.byPart) {
    if (digest.containers && !parts.inFile(file, part)) run.byPart.delete(part);
    else if (digest.moves) run.byPart.set(part, shifted(reports, file.uri, digest.changes));
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
