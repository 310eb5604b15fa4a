// DriverKit log lines (schemas/log-patterns.jsonc): a line is recognised by the first pattern
// whose `match` regexes all match it; `context` regexes add captures when present. The regexes
// are written to run in linear time on any line (see the schema's header and the tests).
import { logPatternEntries, type LogPattern } from '../knowledge/log-patterns';

export interface CompiledPattern extends LogPattern {
  matchRegexes: RegExp[];
  contextRegexes: RegExp[];
}

export interface LogLineMatch {
  pattern: CompiledPattern;
  /** Offsets in the line: from the first match's start to the last match's end. */
  start: number;
  end: number;
  captures: Record<string, string>;
}

let compiled: CompiledPattern[] | undefined;

export function logPatterns(): readonly CompiledPattern[] {
  if (compiled) return compiled;
  compiled = logPatternEntries().map((p) => ({
    ...p,
    matchRegexes: p.match.map((source) => new RegExp(source)),
    contextRegexes: p.context.map((source) => new RegExp(source)),
  }));
  return compiled;
}

function addCaptures(into: Record<string, string>, groups: Record<string, string | undefined> | undefined): void {
  if (!groups) return;
  for (const [name, value] of Object.entries(groups)) {
    if (value !== undefined && value !== '' && into[name] === undefined) into[name] = value;
  }
}

/** The first pattern that recognises `line` (one line, without its newline), if any. */
export function matchLogLine(line: string): LogLineMatch | undefined {
  for (const pattern of logPatterns()) {
    const captures: Record<string, string> = {};
    let start = Infinity;
    let end = -1;
    let all = true;
    for (const regex of pattern.matchRegexes) {
      const m = regex.exec(line);
      if (!m) {
        all = false;
        break;
      }
      start = Math.min(start, m.index);
      end = Math.max(end, m.index + m[0].length);
      addCaptures(captures, m.groups);
    }
    if (!all) continue;
    for (const regex of pattern.contextRegexes) addCaptures(captures, regex.exec(line)?.groups);
    return { pattern, start, end, captures };
  }
  return undefined;
}
