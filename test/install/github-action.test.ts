// The GitHub Action (action.yml at the root) run step by step as the Actions runner runs a
// composite action, in a temporary workspace, with the packed npm package as its `package` input
// (npm offline): annotations for the findings, a SARIF file valid against the SARIF 2.1.0 schema,
// outputs, and the step's result by `fail-on`.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ensureBuilt } from '../helpers/build';
import { fixturePath, repoRoot } from '../helpers/workspace';
import { dextlint } from '../cli/helpers';
import { offlineEnv, packTarball, type Tarball } from './artefacts';
import { runCompositeAction, substitute, type ActionResult } from './composite-action';
import { sarifSchemaErrors } from './sarif-schema';

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number } };
}
interface JsonOutput {
  files: { path: string; diagnostics: JsonDiagnostic[] }[];
}

const EXAMPLES = join(repoRoot, 'examples'); // errors and warnings
const WARNINGS_ONLY = fixturePath('ent-family'); // warnings (and information), no error
const INFORMATION_ONLY = fixturePath('ent-clean');

let scratch: string;
let tarball: Tarball;
/** One job's RUNNER_TEMP for every run here: the first run installs the package, the others reuse it. */
let runnerTemp: string;

before(() => {
  ensureBuilt(); // the repository's CLI is the reference for what the action reports
  scratch = mkdtempSync(join(tmpdir(), 'dext-action-'));
  tarball = packTarball(scratch);
  runnerTemp = join(scratch, 'runner-temp');
  mkdirSync(runnerTemp);
});

after(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs action.yml on a fresh copy of `project` as the checked-out workspace. */
function runAction(project: string, inputs: Record<string, string> = {}): ActionResult & { workspace: string } {
  const job = mkdtempSync(join(scratch, 'job-'));
  const workspace = join(job, 'workspace');
  mkdirSync(workspace);
  cpSync(project, workspace, { recursive: true });
  const result = runCompositeAction(repoRoot, { workspace, runnerTemp, inputs: { package: tarball.path, ...inputs }, env: offlineEnv() });
  return { ...result, workspace };
}

/** The repository's own dextlint on the same project: what the action must report. */
function reference(workspace: string): JsonOutput {
  return JSON.parse(dextlint(['--format', 'json', '.'], workspace).stdout) as JsonOutput;
}

const count = (out: JsonOutput, severity: string) => out.files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === severity).length, 0);

const COMMAND = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' } as Record<string, string>;

test('default inputs: one annotation per finding at its workspace-relative file and line; errors fail the step', () => {
  const r = runAction(EXAMPLES);
  assert.equal(r.status, 1, `${r.stdout}\n${r.stderr}`);
  const expected = reference(r.workspace);
  const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
  const parsed = annotations.map((l) => {
    const m = /^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,title=([\w-]+)::(.*)$/.exec(l);
    assert.ok(m, `not a workflow command: ${l}`);
    return { command: m[1], file: m[2]!, line: Number(m[3]), col: Number(m[4]), title: m[5] };
  });
  const want = expected.files.flatMap((f) =>
    f.diagnostics.map((d) => ({ command: COMMAND[d.severity], file: f.path, line: d.range.start.line + 1, col: d.range.start.character + 1, title: d.code })),
  );
  assert.ok(want.length > 0);
  assert.deepEqual(parsed, want);
  for (const a of parsed) assert.ok(existsSync(join(r.workspace, a.file)), `${a.file} is relative to the workspace`);
  assert.deepEqual(r.outputs, { errors: String(count(expected, 'error')), warnings: String(count(expected, 'warning')), 'sarif-file': '' });
  assert.match(r.stdout, new RegExp(`dextlint: ${count(expected, 'error')} errors, ${count(expected, 'warning')} warnings`));
});

test('format sarif: a SARIF 2.1.0 file valid against the schema, one result per finding, for code scanning', () => {
  const r = runAction(EXAMPLES, { format: 'sarif', 'sarif-file': 'results/dextlint.sarif', 'fail-on': 'never' });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.equal(r.outputs['sarif-file'], 'results/dextlint.sarif');
  assert.ok(!r.stdout.includes('::error'), 'no annotations in sarif mode');
  const log = JSON.parse(readFileSync(join(r.workspace, 'results/dextlint.sarif'), 'utf8'));
  assert.deepEqual(sarifSchemaErrors(log), []);
  const expected = reference(r.workspace);
  const results = log.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
  const got = results.map((x) => [x.ruleId, fileURLToPath(x.locations[0]!.physicalLocation.artifactLocation.uri), x.locations[0]!.physicalLocation.region.startLine]);
  const want = expected.files.flatMap((f) => f.diagnostics.map((d) => [d.code, join(r.workspace, f.path), d.range.start.line + 1]));
  assert.deepEqual(got, want);
  assert.equal(r.outputs.errors, String(results.filter((x) => x.level === 'error').length));
  assert.equal(r.outputs.warnings, String(results.filter((x) => x.level === 'warning').length));
});

test('the SARIF check can fail: the schema rejects a broken log', () => {
  assert.notDeepEqual(sarifSchemaErrors({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal' }] }] }), []);
});

test('fail-on: error passes warnings, warning fails on them, never passes errors; information never fails', () => {
  const byFailOn = (project: string, failOn: string) => runAction(project, { 'fail-on': failOn });
  const warnings = byFailOn(WARNINGS_ONLY, 'error');
  assert.equal(warnings.status, 0, warnings.stdout);
  assert.equal(warnings.outputs.errors, '0');
  assert.ok(Number(warnings.outputs.warnings) > 0);
  assert.match(warnings.stdout, /^::warning /m);
  assert.equal(byFailOn(WARNINGS_ONLY, 'warning').status, 1);
  assert.equal(byFailOn(EXAMPLES, 'never').status, 0);
  const information = byFailOn(INFORMATION_ONLY, 'warning');
  assert.equal(information.status, 0, information.stdout);
  assert.match(information.stdout, /^::notice /m);
});

test('several paths in one input; a wrong input value fails with a clear annotation', () => {
  const two = runAction(EXAMPLES, { path: 'SensorKit/SensorApp SensorKit/SensorDriver', 'fail-on': 'never' });
  assert.equal(two.status, 0, two.stdout);
  const files = new Set([...two.stdout.matchAll(/file=([^,]+)/g)].map((m) => m[1]!.split('/').slice(0, 2).join('/')));
  assert.deepEqual([...files].sort(), ['SensorKit/SensorApp', 'SensorKit/SensorDriver']);
  const format = runAction(INFORMATION_ONLY, { format: 'html' });
  assert.equal(format.status, 2);
  assert.match(format.stdout, /^::error title=dextlint::input format must be github or sarif, not 'html'$/m);
  const failOn = runAction(INFORMATION_ONLY, { 'fail-on': 'notice' });
  assert.equal(failOn.status, 2);
  assert.match(failOn.stdout, /^::error title=dextlint::input fail-on must be/m);
});

test('the README example workflow: its `with:` inputs run the action, and its upload step gets a valid SARIF file', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n### GitHub Actions\n'));
  assert.ok(section.length < readme.length, 'README.md has a "### GitHub Actions" section');
  const block = /\n```yaml\n([\s\S]*?)\n```\n/.exec(section);
  assert.ok(block, 'the GitHub Actions section has a ```yaml workflow');
  const workflow = parseYaml(block[1]!) as { jobs: Record<string, { permissions?: Record<string, string>; steps: { uses?: string; id?: string; with?: Record<string, string> }[] }> };
  const [job] = Object.values(workflow.jobs);
  assert.ok(job);
  assert.equal(job.permissions?.['security-events'], 'write', 'code scanning uploads need security-events: write');
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const action = job.steps.find((s) => s.uses?.startsWith('dext-tools/dext-tools@'));
  assert.ok(action?.id, 'the workflow runs this action in a step with an id');
  assert.equal(action.uses, `dext-tools/dext-tools@v${pkg.version}`, 'the example pins this version');
  const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(upload?.with, 'the workflow uploads the SARIF file');

  const r = runAction(EXAMPLES, action.with ?? {});
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const sarifFile = substitute(upload.with.sarif_file!, { steps: { [action.id]: { outputs: r.outputs } } });
  assert.ok(sarifFile, `${upload.with.sarif_file} names the action's SARIF file`);
  const log = JSON.parse(readFileSync(join(r.workspace, sarifFile), 'utf8'));
  assert.deepEqual(sarifSchemaErrors(log), []);
  assert.ok(log.runs[0].results.length > 0);
});
