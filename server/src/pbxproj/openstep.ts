// An OpenStep ("old-style") plist reader for project.pbxproj: iterative, linear, and tolerant.
// Xcode writes these files itself, but merge conflicts and hand edits leave them broken; a broken
// project must cost the user only the facts we cannot read, never a crash.

export type OpenStepValue = string | OpenStepValue[] | OpenStepDict;
export interface OpenStepDict {
  [key: string]: OpenStepValue;
}

/** Where a dictionary entry is: from its key to the end of its value. */
export interface EntrySpan {
  start: number;
  end: number;
}

export interface OpenStepResult {
  value: OpenStepValue | undefined;
  errors: { offset: number; message: string }[];
  /** The span of every dictionary entry, by dictionary and key (diagnostics on a setting's line). */
  spans: WeakMap<OpenStepDict, Map<string, EntrySpan>>;
}

function isUnquotedChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ||
    code === 95 || code === 36 || code === 43 || code === 47 || code === 58 || code === 46 || code === 45
  );
}

type Frame =
  | { type: 'dict'; value: OpenStepDict; key: string | undefined; keyStart: number }
  | { type: 'array'; value: OpenStepValue[] };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };

export function parseOpenStep(text: string): OpenStepResult {
  const errors: { offset: number; message: string }[] = [];
  const spans = new WeakMap<OpenStepDict, Map<string, EntrySpan>>();
  const stack: Frame[] = [];
  let root: OpenStepValue | undefined;
  let i = 0;
  const n = text.length;

  const skipTrivia = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else break;
    }
  };

  const readString = (): string | undefined => {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      const quote = c;
      i++;
      let out = '';
      let from = i;
      while (i < n && text.charCodeAt(i) !== quote) {
        if (text.charCodeAt(i) === 92) {
          out += text.slice(from, i);
          const e = text[i + 1] ?? '';
          out += ESCAPES[e] ?? e;
          i += 2;
          from = i;
        } else i++;
      }
      out += text.slice(from, Math.min(i, n));
      if (i >= n) errors.push({ offset: n, message: 'unterminated string' });
      else i++;
      return out;
    }
    if (c === 60) {
      // <hex data>: kept as its text
      const close = text.indexOf('>', i);
      const end = close < 0 ? n : close + 1;
      const s = text.slice(i, end);
      i = end;
      return s;
    }
    const start = i;
    while (i < n && isUnquotedChar(text.charCodeAt(i))) i++;
    return i > start ? text.slice(start, i) : undefined;
  };

  const attach = (value: OpenStepValue): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (root === undefined) root = value;
      return;
    }
    if (top.type === 'array') top.value.push(value);
    else if (top.key !== undefined) {
      top.value[top.key] = value;
      let byKey = spans.get(top.value);
      if (!byKey) spans.set(top.value, (byKey = new Map()));
      byKey.set(top.key, { start: top.keyStart, end: Math.min(i, n) });
      top.key = undefined;
    }
  };

  while (true) {
    skipTrivia();
    if (i >= n) break;
    const top = stack[stack.length - 1];
    const c = text[i]!;
    if (top?.type === 'dict' && top.key === undefined) {
      if (c === '}') {
        stack.pop();
        i++;
        attach(top.value);
        continue;
      }
      if (c === ';') {
        i++;
        continue;
      }
      const keyStart = i;
      const key = readString();
      if (key === undefined) {
        errors.push({ offset: i, message: `unexpected '${c}' where a key was expected` });
        i++;
        continue;
      }
      skipTrivia();
      if (text[i] !== '=') {
        // At the key: a merge-conflict marker or a stray word is where the problem starts.
        const shown = key.split('\n')[0]!.slice(0, 40);
        errors.push({ offset: keyStart, message: `expected '=' after '${shown}${shown.length < key.length ? '…' : ''}'` });
        continue;
      }
      i++;
      top.key = key;
      top.keyStart = keyStart;
      continue;
    }
    if (top?.type === 'array' && (c === ',' || c === ')')) {
      i++;
      if (c === ')') {
        stack.pop();
        attach(top.value);
      }
      continue;
    }
    if (top?.type === 'dict' && c === ';') {
      // `key = ;`: a missing value
      errors.push({ offset: i, message: `missing value for key '${top.key}'` });
      top.key = undefined;
      i++;
      continue;
    }
    if (c === '{') {
      i++;
      stack.push({ type: 'dict', value: {}, key: undefined, keyStart: i });
      continue;
    }
    if (c === '(') {
      i++;
      stack.push({ type: 'array', value: [] });
      continue;
    }
    if (c === '}' || c === ')') {
      // a closer that does not match the open container: close it and go on
      errors.push({ offset: i, message: `unexpected '${c}'` });
      const frame = stack.pop();
      if (frame) attach(frame.value);
      i++;
      continue;
    }
    const s = readString();
    if (s === undefined) {
      errors.push({ offset: i, message: `unexpected '${c}'` });
      i++;
      continue;
    }
    attach(s);
    if (!stack.length) break;
  }
  while (stack.length) {
    const frame = stack.pop()!;
    errors.push({ offset: n, message: 'unexpected end of file' });
    attach(frame.value);
  }
  return { value: root, errors, spans };
}
