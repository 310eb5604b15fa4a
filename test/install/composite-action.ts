// A small runner of a composite GitHub Action's `runs.steps`, enough to run action.yml as the
// Actions runner would: `shell: bash` steps (run as `bash --noprofile --norc -eo pipefail FILE`,
// the runner's own command line), their `env` and `working-directory`, the `${{ … }}` expressions
// that name a value (`inputs.*`, `github.action_path`, `github.workspace`, `runner.temp`,
// `steps.<id>.outputs.*`), GITHUB_OUTPUT and the action's outputs. Anything else the action might
// use (`uses:`, `if:`, functions, operators) is refused, so the action cannot silently outgrow it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

interface ActionStep {
  id?: string;
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface ActionYml {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface ActionResult {
  /** The exit status of the last step run: the first that failed, or 0. */
  status: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

export interface ActionOptions {
  inputs?: Record<string, string>;
  workspace: string;
  /** RUNNER_TEMP, kept for the whole job: several runs in one job share it (default: a new one). */
  runnerTemp?: string;
  env?: NodeJS.ProcessEnv;
}

/** Reads a GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks. */
export function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: no closing ${heredoc[2]} for ${heredoc[1]}`);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    } else if (line.trim()) {
      throw new Error(`GITHUB_OUTPUT: unreadable line '${line}'`);
    }
  }
  return outputs;
}

/** Replaces each `${{ a.b.c }}` with the context's value (the empty string when unset, as GitHub does). */
export function substitute(text: string, context: Record<string, unknown>): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(expression)) throw new Error(`unsupported expression: \${{ ${expression} }}`);
    const [root, ...path] = expression.split('.');
    if (!(root! in context)) throw new Error(`unknown context in \${{ ${expression} }}`);
    let value: unknown = context[root!];
    for (const key of path) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[key];
    return value === undefined || value === null ? '' : String(value);
  });
}

/** Runs the composite action in `actionDir` (its action.yml) with the given inputs. */
export function runCompositeAction(actionDir: string, options: ActionOptions): ActionResult {
  const action = parseYaml(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as ActionYml;
  if (action.runs.using !== 'composite') throw new Error(`not a composite action: runs.using is ${action.runs.using}`);

  const declared = action.inputs ?? {};
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!(name in declared)) throw new Error(`action.yml declares no input '${name}'`);
  }
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) {
    const value = options.inputs?.[name] ?? (input.default === undefined ? '' : String(input.default));
    if (input.required && value === '') throw new Error(`input '${name}' is required`);
    inputs[name] = value;
  }

  const runnerTemp = options.runnerTemp ?? mkdtempSync(join(options.workspace, '..', 'runner-temp-'));
  const steps: Record<string, { outputs: Record<string, string> }> = {};
  const context = { inputs, github: { action_path: actionDir, workspace: options.workspace }, runner: { temp: runnerTemp }, steps };
  const result: ActionResult = { status: 0, stdout: '', stderr: '', outputs: {} };

  action.runs.steps.forEach((step, index) => {
    if (result.status !== 0) return; // a failed step ends the action
    const label = step.id ?? step.name ?? `step ${index + 1}`;
    if (step.uses) throw new Error(`${label}: uses: steps are not supported by this runner`);
    if (step.if !== undefined) throw new Error(`${label}: if: is not supported by this runner`);
    if (step.shell !== 'bash' || typeof step.run !== 'string') throw new Error(`${label}: only shell: bash steps with run: are supported`);

    mkdirSync(join(runnerTemp, '_steps'), { recursive: true });
    const stepDir = mkdtempSync(join(runnerTemp, '_steps', `${index}-`));
    const script = join(stepDir, 'script.sh');
    const outputFile = join(stepDir, 'output');
    writeFileSync(script, substitute(step.run, context));
    writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = {
      ...(options.env ?? process.env),
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: runnerTemp,
    };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = substitute(String(value), context);
    const cwd = step['working-directory'] ? substitute(step['working-directory'], context) : options.workspace;

    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw run.error;
    result.stdout += run.stdout;
    result.stderr += run.stderr;
    result.status = run.status ?? 1;
    if (step.id) steps[step.id] = { outputs: parseGithubOutput(readFileSync(outputFile, 'utf8')) };
  });

  for (const [name, output] of Object.entries(action.outputs ?? {})) result.outputs[name] = substitute(output.value, context);
  return result;
}
