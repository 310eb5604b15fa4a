// dextlint: the language service's checks from the command line, for CI and Xcode build phases.
import { statSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { getLanguageService, parseConfig, readTextFile, uriToPath, type DextConfig, type Skipped } from '../service';
import { escapeControl } from '../text/control';
import { parseArgs, USAGE, UsageError } from './args';
import { explainCommand } from './explain';
import { matchCommand } from './match';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import type { FileResult } from './formats/types';
import { formatXcode } from './formats/xcode';
import { packageVersion, ruleDocsDir, ruleDocsWebUrl } from './package-info';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => Promise<string>;
  cwd: string;
  isTty: boolean;
}

function readStdin(): Promise<string> {
  return new Promise((resolveText, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolveText(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

const processIo = (): CliIo => ({
  stdout: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  stderr: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
  stdin: readStdin,
  cwd: process.cwd(),
  isTty: !!process.stdout.isTTY,
});

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  if (argv[0] === 'explain') {
    return explainCommand(argv.slice(1), { stdin: io.stdin, stdout: io.stdout, cwd: io.cwd });
  }
  if (argv[0] === 'match') return matchCommand(argv.slice(1), io, packageVersion());
  let args;
  try {
    args = parseArgs(argv, io.isTty);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`dextlint: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    const web = ruleDocsWebUrl();
    io.stdout(`${USAGE}\n\nRule documentation: dextlint --explain RULE, ${ruleDocsDir()}${web ? `, or ${web}` : ''}`);
    return 0;
  }
  if (args.version) {
    io.stdout(packageVersion());
    return 0;
  }
  if (args.explain !== undefined) {
    const markdown = getLanguageService().explainRule(args.explain);
    if (!markdown) {
      io.stderr(`dextlint: unknown rule '${args.explain}'. Known rules:\n${getLanguageService().listRules().map((r) => `  ${r.id}`).join('\n')}`);
      return 2;
    }
    io.stdout(markdown);
    return 0;
  }

  let configOverride: DextConfig | undefined;
  if (args.config) {
    const configPath = resolve(io.cwd, args.config);
    const read = readTextFile(configPath);
    if (!read.ok) {
      io.stderr(`dextlint: cannot read config file '${escapeControl(args.config)}': it ${read.error}`);
      return 2;
    }
    const parsed = parseConfig(read.text);
    if (parsed.problems.length) {
      io.stderr(`dextlint: ${args.config}: ${parsed.problems.map((p) => p.message).join('; ')}`);
      return 2;
    }
    configOverride = parsed.config;
  }

  const service = getLanguageService(undefined, {
    configOverride,
    onRuleError: (id, uri, error) => io.stderr(`dextlint: internal error in rule ${id} on ${uriToPath(uri)}: ${error instanceof Error ? error.message : String(error)}`),
  });
  const roots = (args.paths.length ? args.paths : ['.']).map((p) => resolve(io.cwd, p));
  // A typo in a CI path must fail the job, not pass it with nothing checked.
  for (const [i, root] of roots.entries()) {
    const problem = pathProblem(root);
    if (problem) {
      io.stderr(`dextlint: ${escapeControl(args.paths[i] ?? root)} ${problem}`);
      return 2;
    }
  }
  const uris: string[] = [];
  for (const root of roots) uris.push(...service.scanFolders([root]));
  if (!uris.length) {
    io.stderr(`dextlint: no DriverKit configuration files found in ${args.paths.join(', ') || '.'}`);
  }

  // With --config, relative profile paths start at the working folder, as the config's own do.
  service.loadConfiguredProfiles(args.config ? [io.cwd] : roots);

  const skipped = service.takeSkipped();
  if (skipped.length) io.stderr(skippedSummary(skipped));

  if (args.fix) {
    for (const uri of uris) {
      const fixed = service.applySafeFixes(uri);
      if (fixed) writeFileSync(uriToPath(uri), fixed.text);
    }
  }

  const results: FileResult[] = [...new Set(uris)].map((uri) => {
    const absolutePath = uriToPath(uri);
    const rel = relative(io.cwd, absolutePath);
    return {
      absolutePath,
      displayPath: rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolutePath,
      text: service.textOf(uri) ?? '',
      diagnostics: service.doValidation(uri),
    };
  });

  switch (args.format) {
    case 'json':
      io.stdout(formatJson(results));
      break;
    case 'sarif':
      io.stdout(formatSarif(results, packageVersion(), service.listRules()));
      break;
    case 'xcode': {
      const text = formatXcode(results);
      if (text) io.stdout(text);
      break;
    }
    case 'github': {
      const text = formatGithub(results);
      if (text) io.stdout(text);
      break;
    }
    default:
      io.stdout(formatText(results, args.color));
  }
  // Projects we cannot read: said once each (in the text summary, else beside the machine output).
  for (const note of service.projectNotes()) (args.format === 'text' ? io.stdout : io.stderr)(`note: ${note.message}`);
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

/** Why a path given on the command line cannot be checked, or undefined when it can. */
function pathProblem(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() || stat.isDirectory() ? undefined : 'is not a file or folder';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
  }
}

/** One line per skipped file after a count by reason: CI must see what went unchecked. */
function skippedSummary(skipped: readonly Skipped[]): string {
  const byReason = new Map<string, number>();
  for (const s of skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + (s.count ?? 1));
  const counts = [...byReason].map(([reason, n]) => `${n} ${reason}`).join(', ');
  const total = [...byReason.values()].reduce((a, b) => a + b, 0);
  return [`dextlint: ${total} file${total === 1 ? '' : 's'} skipped (${counts}):`, ...skipped.map((s) => `  ${escapeControl(s.detail)}`)].join('\n');
}
