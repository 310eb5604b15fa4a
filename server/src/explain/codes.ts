// Finding error codes in any text (a log, a .cpp, a Swift file, a plist): IOReturn names and
// numbers in every printed form, `mach_error_string` texts, and OSSystemExtensionError codes.
// One linear regex pass per line: every branch starts with a literal or is guarded by a
// lookbehind, and its repeats are bounded.
import { ioReturnByMessagePrefix, ioReturnByName, ioReturnByValue, isIoKitError, parseErrorNumber, type IoReturnCode } from './ioreturn';
import { distinctiveCaseNames, systemExtensionByCode, systemExtensionByName } from './system-extension';
import { type SystemExtensionError } from '../knowledge/system-extension-errors';

export type CodeToken =
  | { kind: 'ioreturn'; start: number; end: number; code: IoReturnCode }
  | { kind: 'iokit-error'; start: number; end: number; value: number }
  | { kind: 'system-extension'; start: number; end: number; error: SystemExtensionError };

export interface CodeScanOptions {
  /**
   * Recognise bare Swift case names (`.missingEntitlement`): only in Swift/Objective-C sources
   * that mention OSSystemExtension, where they cannot be another enum's case.
   */
  bareCaseNames?: boolean;
}

const NUMBER_END = String.raw`(?![0-9A-Za-z_]|\.[0-9])`;

const BRANCHES = [
  String.raw`\b(?<ioName>kIOReturn[A-Z][A-Za-z]*)(?!\w)`,
  String.raw`(?<![\w.])(?<hex>0[xX][0-9a-fA-F]{8,16})${NUMBER_END}`,
  String.raw`(?<![\w.])(?<bareHex>[eE]000[0-9a-fA-F]{4})${NUMBER_END}`,
  String.raw`(?<![\w.-])(?<signed>-[0-9]{9,10})${NUMBER_END}`,
  String.raw`(?<![\w.-])(?<unsigned>[0-9]{10})${NUMBER_END}`,
  String.raw`(?<iokitCommon>\(iokit\/common\) )`,
  String.raw`OSSystemExtensionErrorDomain(?:,? error |\s?Code=|, code:? ?)(?<sysCode>[0-9]{1,3})(?![0-9])`,
  String.raw`\b(?<objcName>OSSystemExtensionError(?!Domain|Code\b)[A-Z][A-Za-z]*)`,
  String.raw`\bOSSystemExtensionError(?:\.Code)?\.(?<swiftName>[a-z][A-Za-z]*)`,
];

/** The scanner's branches (for the linearity tests). */
export function codeScannerSources(): string[] {
  return [...BRANCHES, bareBranch()];
}

function bareBranch(): string {
  return String.raw`(?<![\w.])\.(?<bareName>${distinctiveCaseNames().join('|')})\b`;
}

let plainRegex: RegExp | undefined;
let bareRegex: RegExp | undefined;

function scanner(bare: boolean): RegExp {
  if (bare) {
    bareRegex ??= new RegExp([...BRANCHES, bareBranch()].join('|'), 'g');
    return bareRegex;
  }
  plainRegex ??= new RegExp(BRANCHES.join('|'), 'g');
  return plainRegex;
}

/** The token a regex match stands for, or undefined when the text is not a known code. */
function tokenOf(m: RegExpExecArray, line: string, base: number): CodeToken | undefined {
  const g = m.groups!;
  const start = base + m.index;
  const end = start + m[0].length;
  if (g.ioName) {
    const code = ioReturnByName(g.ioName);
    return code ? { kind: 'ioreturn', start, end, code } : undefined;
  }
  const numeric = g.hex ?? g.signed ?? g.unsigned ?? (g.bareHex ? `0x${g.bareHex}` : undefined);
  if (numeric !== undefined) {
    const value = parseErrorNumber(numeric);
    if (value === undefined || !isIoKitError(value)) return undefined;
    const code = ioReturnByValue(value);
    if (code) return { kind: 'ioreturn', start, end, code };
    // A bare 8-digit hex word could be anything (a hash): only known codes count. Code 0 is a
    // subsystem's base (`sys_iokit | sub_iokit_usb`), written as a mask, never returned.
    return g.bareHex || (value & 0x3fff) === 0 ? undefined : { kind: 'iokit-error', start, end, value };
  }
  if (g.iokitCommon) {
    const rest = line.slice(m.index + m[0].length, m.index + m[0].length + 80);
    const found = ioReturnByMessagePrefix(rest);
    if (!found || /[A-Za-z]/.test(rest.charAt(found.length))) return undefined;
    return { kind: 'ioreturn', start, end: end + found.length, code: found.code };
  }
  const error = g.sysCode !== undefined
    ? systemExtensionByCode(Number(g.sysCode))
    : systemExtensionByName(g.objcName ?? g.swiftName ?? g.bareName ?? '');
  return error ? { kind: 'system-extension', start, end, error } : undefined;
}

/** Every code in one line; offsets are `base` + the position in the line. */
export function codesInLine(line: string, base: number, options: CodeScanOptions = {}): CodeToken[] {
  const regex = scanner(!!options.bareCaseNames);
  regex.lastIndex = 0;
  const out: CodeToken[] = [];
  for (let m = regex.exec(line); m; m = regex.exec(line)) {
    const token = tokenOf(m, line, base);
    if (token) {
      out.push(token);
      // A message token extends past the regex match: continue after it.
      regex.lastIndex = Math.max(regex.lastIndex, token.end - base);
    }
  }
  return out;
}

/** Whether bare Swift case names are safe to read in this text (see CodeScanOptions). */
export function mentionsSystemExtensions(text: string): boolean {
  return text.includes('OSSystemExtension');
}
