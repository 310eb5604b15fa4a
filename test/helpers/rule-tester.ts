// One rule tester for every rule, in ESLint's RuleTester shape: valid and invalid cases over
// in-memory projects. For each invalid case it checks the reports (line, column, message), that
// every fix applies, leaves the text outside its edits alone and clears the report when the
// project is validated again, and the text after the preferred fixes (`output`). Across the
// cases, `meta.fixable` must match whether the rule offered a fix at all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyConfig, type DextConfig } from '../../server/src/config';
import { ruleIds } from '../../server/src/rules';
import { validateFile } from '../../server/src/rules/engine/validation';
import type { Rule } from '../../server/src/rules/types';
import type { DextDiagnostic, Severity } from '../../server/src/types';
import { pathToUri } from '../../server/src/workspace/uri';
import { applyEdits, assertOnlyEditedSpans, workspaceFromFiles } from './workspace';

export interface RuleCase {
  /** Shown in the test name. */
  name?: string;
  /** The project: absolute virtual paths to texts. */
  files: Record<string, string>;
  /** The file checked (default: the first of `files`). */
  file?: string;
  config?: DextConfig;
}

export interface ExpectedReport {
  /** 1-based, like an editor shows it. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** The whole message, or a pattern it must match. */
  message?: string | RegExp;
  severity?: Severity;
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedReport[];
  /**
   * The checked file after the preferred fix of every report (non-overlapping, in order), or
   * `null` when the rule offers no fix here. Omitted: not checked.
   */
  output?: string | null;
}

export interface RuleCases {
  valid: RuleCase[];
  invalid: InvalidCase[];
}

const label = (kind: string, index: number, c: RuleCase) => `${kind} #${index + 1}${c.name ? `: ${c.name}` : ''}`;

function checkedPath(c: RuleCase): string {
  const path = c.file ?? Object.keys(c.files)[0];
  assert.ok(path && c.files[path] !== undefined, `the case names no file of its project: ${path}`);
  return path;
}

/** The rule's diagnostics on the case's checked file (after `files` are updated with `changed`). */
export function reportsOf(rule: Rule, c: RuleCase, changed: Record<string, string> = {}): DextDiagnostic[] {
  const files = { ...c.files, ...changed };
  const workspace = workspaceFromFiles(files);
  const file = workspace.get(pathToUri(checkedPath(c)));
  assert.ok(file, 'checked file not in the workspace');
  return validateFile(workspace, file, {
    config: c.config ?? emptyConfig(),
    rules: [rule],
    knownRuleIds: ruleIds(),
    onRuleError: (id, _uri, error) => {
      throw new Error(`rule ${id} threw: ${error instanceof Error ? error.stack : String(error)}`);
    },
  }).filter((d) => d.code === rule.meta.id);
}

function assertReport(actual: DextDiagnostic, expected: ExpectedReport, where: string): void {
  if (expected.line !== undefined) assert.equal(actual.range.start.line + 1, expected.line, `${where}: line`);
  if (expected.column !== undefined) assert.equal(actual.range.start.character + 1, expected.column, `${where}: column`);
  if (typeof expected.message === 'string') assert.equal(actual.message, expected.message, `${where}: message`);
  else if (expected.message) assert.match(actual.message, expected.message, `${where}: message`);
  if (expected.severity) assert.equal(actual.severity, expected.severity, `${where}: severity`);
}

/** Applies one fix to its own file and checks it: only its spans change, and the report goes away. */
function assertFixClears(rule: Rule, c: RuleCase, report: DextDiagnostic, fixIndex: number): void {
  const path = checkedPath(c);
  const fix = report.fixes[fixIndex]!;
  const where = `fix '${fix.title}' of '${report.message}'`;
  const own = fix.edits.filter((e) => !e.uri || e.uri === pathToUri(path));
  assert.ok(fix.edits.length > 0, `${where} has no edit`);
  const before = c.files[path]!;
  const after = applyEdits(before, own);
  // A fix may edit only another file of the project (a .cpp for a QUEUENAME in the .iig).
  if (own.length) {
    assert.notEqual(after, before, `${where} changes nothing`);
    assertOnlyEditedSpans(before, after, own);
  }
  const changed: Record<string, string> = { [path]: after };
  const elsewhere = new Map<string, typeof fix.edits>();
  for (const edit of fix.edits.filter((e) => e.uri && e.uri !== pathToUri(path))) {
    const other = Object.keys(c.files).find((p) => pathToUri(p) === edit.uri);
    assert.ok(other, `${where} edits a file outside the project: ${edit.uri}`);
    elsewhere.set(other, [...(elsewhere.get(other) ?? []), edit]);
  }
  for (const [other, edits] of elsewhere) {
    changed[other] = applyEdits(c.files[other]!, edits);
    assert.notEqual(changed[other], c.files[other], `${where} changes nothing in ${other}`);
  }
  const again = reportsOf(rule, c, changed);
  const same = again.filter((d) => d.message === report.message);
  assert.ok(same.length < reportsOf(rule, c).filter((d) => d.message === report.message).length, `${where} does not clear the report`);
}

/** The checked file after the preferred (else first) fix of each report, skipping overlaps. */
function outputOf(c: RuleCase, reports: DextDiagnostic[]): string | null {
  const path = checkedPath(c);
  const chosen: DextDiagnostic['fixes'][number]['edits'] = [];
  const text = c.files[path]!;
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  for (const report of reports) {
    const fix = report.fixes.find((f) => f.isPreferred) ?? report.fixes[0];
    if (!fix) continue;
    const edits = fix.edits.filter((e) => !e.uri || e.uri === pathToUri(path));
    const overlaps = edits.some((e) => chosen.some((o) => offset(e.range.start) < offset(o.range.end) && offset(o.range.start) < offset(e.range.end)));
    if (!overlaps) chosen.push(...edits);
  }
  return chosen.length ? applyEdits(text, chosen) : null;
}

/** Registers the cases of one rule as tests. */
export function testRule(rule: Rule, cases: RuleCases): void {
  const id = rule.meta.id;
  let offeredFix = false;
  cases.valid.forEach((c, i) => {
    test(`${id}: ${label('valid', i, c)}`, () => {
      assert.deepEqual(reportsOf(rule, c).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`), []);
    });
  });
  cases.invalid.forEach((c, i) => {
    test(`${id}: ${label('invalid', i, c)}`, () => {
      const reports = reportsOf(rule, c);
      assert.equal(reports.length, c.errors.length, `reports: ${JSON.stringify(reports.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`))}`);
      reports.forEach((report, j) => assertReport(report, c.errors[j]!, `report ${j + 1}`));
      for (const report of reports) {
        if (report.fixes.length) offeredFix = true;
        report.fixes.forEach((_, k) => assertFixClears(rule, c, report, k));
      }
      if (c.output !== undefined) assert.equal(outputOf(c, reports), c.output);
    });
  });
  test(`${id}: meta.fixable (${rule.meta.fixable}) matches the fixes the cases offered`, () => {
    if (!rule.meta.fixable) assert.equal(offeredFix, false, 'a fix was offered by a rule whose meta says it is not fixable');
    else if (cases.invalid.length) assert.equal(offeredFix, true, 'meta.fixable, but no invalid case offered a fix');
  });
}
