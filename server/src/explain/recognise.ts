// Everything recognisable in a text, line by line: the log pattern a line matches and the error
// codes it holds. Also single codes typed on their own (`0x2e2`, `NotPermitted`, `1`).
import { codesInLine, mentionsSystemExtensions, type CodeScanOptions } from './codes';
import { explainIoKitNumber, explainIoReturn, explainLogMatch, explainSystemExtension, explainToken } from './explanations';
import { ioReturnByName, ioReturnByValue, isIoKitError, layoutOf, parseErrorNumber } from './ioreturn';
import { matchLogLine } from './log-patterns';
import { systemExtensionByCode, systemExtensionByName } from './system-extension';
import type { Explanation, Finding } from './types';
import type { WorkspaceFile } from '../workspace/files';
import { runToEnd, type Steps } from '../cancellation';

export interface RecogniseOptions extends CodeScanOptions {
  /** Match log patterns (log files, pasted text); off for source files, where only codes count. */
  logPatterns?: boolean;
}

/** Every line with its start offset and 0-based number, without its `\r\n` / `\n`. */
function* linesOf(text: string): Generator<{ line: string; start: number; index: number }> {
  let start = 0;
  for (let index = 0; start <= text.length; index++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    yield { line: text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end), start, index };
    if (newline < 0) break;
    start = newline + 1;
  }
}

export function recogniseLine(line: string, start: number, index: number, options: RecogniseOptions): Finding[] {
  const out: Finding[] = [];
  if (options.logPatterns) {
    const match = matchLogLine(line);
    if (match) out.push({ ...explainLogMatch(match), start: start + match.start, end: start + match.end, line: index });
  }
  for (const token of codesInLine(line, start, options)) {
    out.push({ ...explainToken(token, line), start: token.start, end: token.end, line: index });
  }
  return out;
}

/** The findings of `text`, at most `limit` of them (the lines after the limit are not read). */
export function recogniseText(text: string, options: RecogniseOptions = { logPatterns: true }, limit = Infinity): Finding[] {
  return runToEnd(recogniseSteps(text, options, limit));
}

/** Lines recognised per step: a 50 MB selection is seconds of work, a thousand lines well under a millisecond. */
const LINES_PER_STEP = 1000;

/** `recogniseText` in steps of a thousand lines. */
export function* recogniseSteps(text: string, options: RecogniseOptions = { logPatterns: true }, limit = Infinity): Steps<Finding[]> {
  const out: Finding[] = [];
  for (const { line, start, index } of linesOf(text)) {
    out.push(...recogniseLine(line, start, index, options));
    if (out.length >= limit) break;
    if (index % LINES_PER_STEP === LINES_PER_STEP - 1) yield;
  }
  return out;
}

/**
 * Findings kept per log. A crash loop repeats one failure per line: a 31 MB log held 250,000
 * explained findings (1.3 GB) where the editor shows 1,000 problems and a reader needs the first few.
 */
export const MAX_LOG_FINDINGS = 2000;

/** A log file's findings, parsed once per version. */
export function logFindings(file: WorkspaceFile): Finding[] {
  return file.parsed('explain-log', (f) => recogniseText(f.text, { logPatterns: true, bareCaseNames: false }, MAX_LOG_FINDINGS));
}

/** Options for a source file's codes: bare Swift case names only where they cannot mislead. */
export function sourceScanOptions(file: WorkspaceFile, kind: string | undefined): CodeScanOptions {
  return { bareCaseNames: kind === 'source' && file.parsed('mentions-sysext', (f) => mentionsSystemExtensions(f.text)) };
}

/**
 * One code typed on its own, in the forms the scanner leaves out because in running text they
 * would be ambiguous: a sub-code (`0x2e2`), a name without prefix (`NotPermitted`), a Swift case
 * (`.missingEntitlement`), a small number (an OSSystemExtensionError code), any 32-bit number.
 */
export function explainSingleCode(input: string): Explanation | undefined {
  const token = input.trim();
  if (!token || /\s/.test(token)) return undefined;
  const sub = /^0[xX]([0-9a-fA-F]{1,4})$/.exec(token);
  if (sub) {
    const code = ioReturnByValue((0xe0000000 | parseInt(sub[1]!, 16)) >>> 0);
    if (code) return explainIoReturn(code);
  }
  const value = parseErrorNumber(token);
  if (value !== undefined) {
    const code = ioReturnByValue(value);
    if (code) return explainIoReturn(code);
    if (isIoKitError(value)) return explainIoKitNumber(value);
    const error = /^[0-9]{1,2}$/.test(token) ? systemExtensionByCode(value) : undefined;
    return error ? explainSystemExtension(error) : undefined;
  }
  const name = token.replace(/^\./, '');
  const code = ioReturnByName(name);
  if (code) return explainIoReturn(code);
  const error = systemExtensionByName(name);
  return error ? explainSystemExtension(error) : undefined;
}

/** For a number that is no IOKit error: its mach/error.h parts, so the reader knows where to look. */
export function describeOtherNumber(input: string): string | undefined {
  const value = parseErrorNumber(input.trim());
  if (value === undefined || isIoKitError(value)) return undefined;
  const layout = layoutOf(value);
  return `\`${input.trim()}\` is not an IOKit error (IOKit errors are 0xE0000000–0xE3FFFFFF): mach/error.h reads it as system 0x${layout.system.toString(16)}, subsystem 0x${layout.subsystem.toString(16)}, code 0x${layout.code.toString(16)}.`;
}
