// `dextlint match <dump> [project…] [--format text|json|sarif]`: every personality of the
// projects against a registry dump. Exit 1 when a personality matches nothing in the dump, 2 on a
// usage error or an unreadable dump.
import { isAbsolute, relative, resolve } from 'node:path';
import { getLanguageService, pathToUri, uriToPath } from '../service';
import { formatSarif } from './formats/sarif';
import type { FileResult } from './formats/types';

export const MATCH_USAGE = `Usage: dextlint match <dump> [project…] [--format text|json|sarif]

Matches every DriverKit personality of the projects (default: the current folder) against a
registry dump, the way the kernel's passive matching does, and says which entry each personality
matches (row, probe score) or, for each one that matches nothing, the closest entry and every key
that differs.

  <dump>         the output of \`ioreg -a -l\` (or \`ioreg -a -l -r -c IOUSBHostDevice\`,
                 \`… -c IOPCIDevice\`, \`-p IOUSB\`), XML or binary, or
                 \`system_profiler -xml SPUSBDataType\` / \`SPPCIDataType\`
  --format, -f   text (default), json (the contract in the README), sarif (2.1.0)

Exit status: 0 every personality matches (or cannot be decided), 1 a personality matches nothing,
2 usage error or unreadable dump.`;

const FORMATS = ['text', 'json', 'sarif'] as const;
const MATCH_RULES = new Set(['personality-no-match', 'personality-matches']);

export interface MatchIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

export function matchCommand(argv: string[], io: MatchIo, version: string): number {
  let format: (typeof FORMATS)[number] = 'text';
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      io.stdout(MATCH_USAGE);
      return 0;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--format' || flag === '-f') {
      const value = inline ?? argv[++i];
      if (!value || !(FORMATS as readonly string[]).includes(value)) {
        io.stderr(`dextlint match: --format must be one of ${FORMATS.join(', ')}${value ? ` (got '${value}')` : ''}\n\n${MATCH_USAGE}`);
        return 2;
      }
      format = value as (typeof FORMATS)[number];
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(`dextlint match: unknown option '${arg}'\n\n${MATCH_USAGE}`);
      return 2;
    } else positional.push(arg);
  }
  const [dumpArg, ...projects] = positional;
  if (!dumpArg) {
    io.stderr(`dextlint match: a registry dump is required\n\n${MATCH_USAGE}`);
    return 2;
  }
  const service = getLanguageService();
  const read = service.readRegistryDumpFile(pathToUri(resolve(io.cwd, dumpArg)));
  if (!read.ok) {
    io.stderr(`dextlint match: '${dumpArg}': ${read.error}`);
    return 2;
  }
  const dump = { ...read.dump, source: dumpArg };
  for (const root of (projects.length ? projects : ['.']).map((p) => resolve(io.cwd, p))) service.scanFolders([root]);
  service.setMatchingDumps([dump]);
  const display = (absolute: string) => {
    const rel = relative(io.cwd, absolute);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
  };
  const results = service.matchResults(dump, display);
  if (!results.files.length) io.stderr(`dextlint match: no DriverKit personality found in ${projects.join(', ') || '.'}`);
  if (format === 'json') for (const u of results.undetermined) io.stderr(`dextlint match: ${u} cannot be decided, left out of the results`);

  switch (format) {
    case 'json':
      io.stdout(JSON.stringify(results.json, null, 2));
      break;
    case 'sarif': {
      const files: FileResult[] = results.files.map((uri) => ({
        absolutePath: uriToPath(uri),
        displayPath: display(uriToPath(uri)),
        text: service.textOf(uri) ?? '',
        diagnostics: service.doValidation(uri).filter((d) => MATCH_RULES.has(d.code)),
      }));
      io.stdout(formatSarif(files, version, service.listRules().filter((r) => MATCH_RULES.has(r.id))));
      break;
    }
    default:
      io.stdout(results.text);
  }
  return results.anyNoMatch ? 1 : 0;
}
