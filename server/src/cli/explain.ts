// `dextlint explain <code|file|->`: what an IOReturn / OSSystemExtensionError code or a DriverKit
// log means, as text for a terminal or as stable JSON, e.g.
// `log show --last 10m --predicate 'process == "kernel"' | dextlint explain -`.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, readTextFile, type ExplainedGroup } from '../service';

export interface ExplainIo {
  stdin: () => Promise<string>;
  stdout: (s: string) => void;
  cwd: string;
}

export const EXPLAIN_USAGE = `Usage: dextlint explain <code|file|-> [--format text|json] [--project DIR]

Explains IOReturn codes (0xE00002E2, -536870212, 3758097122, kIOReturnNotPermitted,
"(iokit/common) not permitted"), OSSystemExtensionError codes ("OSSystemExtensionErrorDomain
error 1", missingEntitlement) and DriverKit log lines (kernel DK: lines, crash reports,
systemextensionsctl list, Xcode signing errors).

  code           a code, typed as is (several words are read as one text)
  file           a log file to read
  -              read the log from standard input
  --format, -f   text (default) or json
  --project DIR  a DEXT project: also show the configuration at fault in it

Exit status: 0 something explained, 1 nothing recognised, 2 usage error.`;

interface ExplainArgs {
  inputs: string[];
  format: 'text' | 'json';
  project?: string;
  help: boolean;
}

function parseExplainArgs(argv: string[]): ExplainArgs | string {
  const args: ExplainArgs = { inputs: [], format: 'text', help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    if (flag === '--format' || flag === '-f') {
      const f = value();
      if (f !== 'text' && f !== 'json') return `--format must be text or json (got '${f ?? ''}')`;
      args.format = f;
    } else if (flag === '--project') {
      const p = value();
      if (!p) return '--project needs a folder';
      args.project = p;
    } else if (flag === '--help' || flag === '-h') args.help = true;
    else if (arg.startsWith('-') && arg !== '-' && !/^-[0-9]/.test(arg)) return `unknown option '${arg}'`;
    else args.inputs.push(arg);
  }
  return args;
}

/** The largest log explained from a file (the server's per-file cap). */
const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** The text to explain and what it came from: standard input, a file, or the words given. */
async function readInput(args: ExplainArgs, io: ExplainIo): Promise<{ text: string; input: string | null } | string> {
  if (args.inputs.length === 1 && args.inputs[0] === '-') return { text: await io.stdin(), input: '-' };
  if (args.inputs.length === 1) {
    const path = resolve(io.cwd, args.inputs[0]!);
    if (existsSync(path) && statSync(path).isFile()) {
      // A link to /proc/self/pagemap is a "file" too: the read is bounded.
      const read = readTextFile(path, MAX_INPUT_BYTES);
      return read.ok ? { text: read.text, input: args.inputs[0]! } : `cannot read '${args.inputs[0]}': it ${read.error}`;
    }
  }
  return { text: args.inputs.join(' '), input: null };
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Markdown to terminal text: no emphasis markers or code ticks. */
function plain(markdown: string): string {
  return markdown.replace(/\*\*|`/g, '').replace(/(^|\s)\*([^*\s][^*]*)\*/g, '$1$2');
}

function wrap(text: string, indent: string, width = 100): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out;
}

function bulletList(label: string, items: readonly string[]): string[] {
  if (!items.length) return [];
  const lines = [`  ${label}:`];
  for (const item of items) {
    const [first, ...rest] = wrap(plain(item), '      ');
    lines.push(`    - ${first!.trimStart()}`, ...rest);
  }
  return lines;
}

function formatTextGroup(g: ExplainedGroup, multiline: boolean, cwd: string): string {
  const e = g.explanation;
  const lines = [`${e.title}${e.verify ? '  (verify)' : ''}`];
  if (multiline) {
    const numbers = [...new Set(g.occurrences.map((o) => o.line + 1))];
    const shown = numbers.slice(0, 10).join(', ') + (numbers.length > 10 ? ` and ${numbers.length - 10} more` : '');
    lines.push(`  ${numbers.length === 1 ? 'line' : 'lines'} ${shown}: ${g.occurrences[0]!.rest.slice(0, 160)}`);
  }
  for (const d of e.details) lines.push(...wrap(plain(d), '  '));
  const captures = Object.entries(e.captures);
  if (captures.length) lines.push(`  ${captures.map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  lines.push(...bulletList('Likely causes', e.causes), ...bulletList('What to check', e.checks));
  if (e.rules.length) lines.push(...wrap(`Checked by: ${e.rules.join(', ')}`, '  '));
  if (g.locations.length) {
    lines.push('  Configuration at fault:');
    for (const l of g.locations) lines.push(`    ${displayPath(l.path, cwd)}:${l.line + 1}:${l.character + 1}  ${l.title}`);
  }
  lines.push(...wrap(`Source: ${e.source}`, '  '));
  return lines.join('\n');
}

function formatJsonGroups(groups: ExplainedGroup[], text: string, input: string | null, cwd: string): string {
  const document = TextDocument.create('input', 'plaintext', 0, text);
  const range = (start: number, end: number) => ({ start: document.positionAt(start), end: document.positionAt(end) });
  const explanations = groups.map(({ explanation: e, occurrences, locations }) => ({
    kind: e.kind,
    id: e.id,
    title: e.title,
    summary: e.summary,
    details: e.details,
    causes: e.causes,
    checks: e.checks,
    rules: e.rules,
    source: e.source,
    verify: e.verify,
    captures: e.captures,
    ...(e.forms ? { forms: e.forms } : {}),
    ...(e.systemExtension ? { systemExtension: e.systemExtension } : {}),
    occurrences: occurrences.map((o) => ({ range: range(o.start, o.end), text: o.text })),
    locations: locations.map((l) => ({
      path: displayPath(l.path, cwd),
      range: { start: { line: l.line, character: l.character }, end: { line: l.endLine, character: l.endCharacter } },
      title: l.title,
    })),
  }));
  return JSON.stringify({ version: 1, input, explanations }, null, 2);
}

export async function explainCommand(argv: string[], io: ExplainIo): Promise<number> {
  const args = parseExplainArgs(argv);
  if (typeof args === 'string') {
    io.stdout(`dextlint explain: ${args}\n\n${EXPLAIN_USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(EXPLAIN_USAGE);
    return 0;
  }
  if (!args.inputs.length) {
    io.stdout(`dextlint explain: give a code, a log file, or - for standard input\n\n${EXPLAIN_USAGE}`);
    return 2;
  }
  const read = await readInput(args, io);
  if (typeof read === 'string') {
    io.stdout(`dextlint explain: ${read}`);
    return 2;
  }
  const service = getLanguageService();
  if (args.project) {
    const folder = resolve(io.cwd, args.project);
    if (!existsSync(folder)) {
      io.stdout(`dextlint explain: no such folder '${args.project}'`);
      return 2;
    }
    service.scanFolders([folder]);
  }
  const { groups, note } = service.explainInput(read.text);
  if (args.format === 'json') {
    io.stdout(formatJsonGroups(groups, read.text, read.input, io.cwd));
  } else if (!groups.length) {
    io.stdout([note, 'Nothing recognised: give an IOReturn code (0xE00002E2, -536870201, kIOReturnNotPermitted), an OSSystemExtensionErrorDomain error or DriverKit log lines.'].filter(Boolean).join('\n'));
  } else {
    const multiline = /\n./.test(read.text.trim());
    io.stdout(groups.map((g) => formatTextGroup(g, multiline, io.cwd)).join('\n\n'));
  }
  return groups.length ? 0 : 1;
}
