// dextlint's arguments, exactly as the CLI contract in rules.md names them.
export const FORMATS = ['text', 'json', 'sarif', 'xcode', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliArgs {
  paths: string[];
  format: Format;
  fix: boolean;
  explain?: string;
  config?: string;
  help: boolean;
  version: boolean;
  color: boolean;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], isTty: boolean): CliArgs {
  const args: CliArgs = { paths: [], format: 'text', fix: false, help: false, version: false, color: isTty && !process.env.NO_COLOR };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--format':
      case '-f': {
        const f = value();
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${f}')`);
        args.format = f as Format;
        break;
      }
      case '--fix':
        args.fix = true;
        break;
      case '--explain':
        args.explain = value();
        break;
      case '--config':
      case '-c':
        args.config = value();
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--version':
        args.version = true;
        break;
      case '--no-color':
        args.color = false;
        break;
      case '--color':
        args.color = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
        args.paths.push(arg);
    }
  }
  return args;
}

export const USAGE = `Usage: dextlint [paths…] [--format text|json|sarif|xcode|github] [--fix] [--config FILE]
       dextlint --explain RULE
       dextlint explain <code|file|->   explain an IOReturn / OSSystemExtension code or DriverKit log lines
       dextlint match <dump> [project…] [--format text|json|sarif]   check the personalities against an ioreg dump

Checks DriverKit extension configuration: entitlements, the dext Info.plist (IOKitPersonalities),
.iig/.cpp queues and classes, Xcode projects and provisioning profiles, across files.

  paths          files or folders (default: the current folder); folders are walked recursively,
                 skipping .git, node_modules, build, DerivedData and *.xcarchive
  --format, -f   text (default), json, sarif (2.1.0), xcode (for a Run Script build phase), github
  --fix          apply every safe fix in place, repeatedly until stable, then report what remains
  --explain RULE print a rule's documentation
  --config, -c   a .dextlintrc.json to use instead of the nearest one to each file
  --no-color     plain text output

Files that are not read (not a regular file, too large, unreadable, a link out of the folder,
past the 128 MB read budget) are listed on stderr.

Exit status: 0 no error-severity diagnostic, 1 at least one, 2 usage error, a path that does not
exist or is not a file or folder, or a --config that cannot be read.`;
