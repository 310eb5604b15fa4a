// A reader of Xcode configuration settings files (`.xcconfig`): one line each of
// `NAME[cond=value][cond=value] = value`, `#include "path"` or `#include? "path"`, with `//`
// comments (Xcode ends a line at the first `//`, even inside a value) and an optional `;`.
// The grammar is a few lines (Xcode Help, "Adding a build configuration file to your project"),
// so this is our own: linear, line by line, and tolerant: a line it cannot read becomes an error
// and the next line is read as usual. Each setting keeps its offsets for diagnostics.

export interface XcconfigCondition {
  /** `sdk`, `arch`, `config`, `variant`, … as written (lower-cased). */
  key: string;
  /** The pattern, possibly with `*`. */
  value: string;
}

export interface XcconfigSetting {
  kind: 'setting';
  name: string;
  conditions: XcconfigCondition[];
  value: string;
  /** The line's span without its comment: from the name to the end of the value. */
  start: number;
  end: number;
}

export interface XcconfigInclude {
  kind: 'include';
  /** The path as written (relative to the including file, or absolute). */
  path: string;
  /** `#include?`: a missing file is not an error. */
  optional: boolean;
  start: number;
  end: number;
}

export interface XcconfigDocument {
  entries: (XcconfigSetting | XcconfigInclude)[];
  errors: { start: number; end: number; message: string }[];
}

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Reads an `.xcconfig` text; never throws. */
export function parseXcconfig(text: string): XcconfigDocument {
  const entries: XcconfigDocument['entries'] = [];
  const errors: XcconfigDocument['errors'] = [];
  let lineStart = 0;
  const n = text.length;
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    // Searched within the line only: a search to the end of the text would make the reader quadratic.
    const comment = text.slice(lineStart, lineEnd).indexOf('//');
    const contentEnd = comment >= 0 ? lineStart + comment : lineEnd;
    // Trim both ends by offsets, so positions stay exact.
    let s = lineStart;
    let e = contentEnd;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (s < e) readLine(text, s, e, entries, errors);
    if (lineEnd >= n) break;
    lineStart = lineEnd + 1;
  }
  return { entries, errors };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 0xfeff;
}

function readLine(text: string, start: number, end: number, entries: XcconfigDocument['entries'], errors: XcconfigDocument['errors']): void {
  const line = text.slice(start, end);
  if (line.startsWith('#')) {
    const m = /^#include(\?)?\s*"([^"]*)"\s*;?$/.exec(line);
    if (m) {
      if (m[2]) entries.push({ kind: 'include', path: m[2], optional: !!m[1], start, end });
      else errors.push({ start, end, message: 'an #include needs a file path between quotes' });
    } else if (/^#include\??/.test(line)) errors.push({ start, end, message: 'an #include needs its path between double quotes: #include "Base.xcconfig"' });
    else errors.push({ start, end, message: `'${line.split(/\s/)[0]}' is not an xcconfig directive (only #include and #include? are)` });
    return;
  }
  const name = SETTING_NAME.exec(line)?.[0];
  if (!name) {
    errors.push({ start, end, message: 'expected a setting (NAME = value) or an #include' });
    return;
  }
  let i = name.length;
  const conditions: XcconfigCondition[] = [];
  while (line[i] === '[') {
    const close = line.indexOf(']', i);
    if (close < 0) {
      errors.push({ start: start + i, end, message: `unclosed '[' in the condition of ${name}` });
      return;
    }
    for (const part of line.slice(i + 1, close).split(',')) {
      const eq = part.indexOf('=');
      const key = part.slice(0, eq).trim().toLowerCase();
      const value = part.slice(eq + 1).trim();
      if (eq < 0 || !key || !value) {
        errors.push({ start: start + i, end: start + close + 1, message: `a condition is written [key=value], e.g. [sdk=driverkit*] or [config=Debug]` });
        return;
      }
      conditions.push({ key, value });
    }
    i = close + 1;
  }
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  if (line[i] !== '=') {
    errors.push({ start, end, message: `expected '=' after ${name}` });
    return;
  }
  let value = line.slice(i + 1).trim();
  if (value.endsWith(';')) value = value.slice(0, -1).trimEnd();
  entries.push({ kind: 'setting', name, conditions, value, start, end });
}
