// A tolerant C++ tokenizer for .iig/.cpp/.h files: linear, never throws. It skips comments,
// string and character literals (raw strings included) and preprocessor lines, and yields
// identifiers, numbers, strings and punctuation with their offsets.

export type TokenType = 'ident' | 'string' | 'number' | 'punct';

export interface Token {
  type: TokenType;
  text: string;
  start: number;
  end: number;
}

export interface TokenizeResult {
  tokens: Token[];
  /** Unterminated comments and literals, for `iig-syntax`. */
  problems: { start: number; end: number; message: string }[];
  comments: { start: number; end: number }[];
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

export function tokenize(text: string): TokenizeResult {
  const tokens: Token[] = [];
  const problems: TokenizeResult['problems'] = [];
  const comments: TokenizeResult['comments'] = [];
  const n = text.length;
  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      i++;
      continue;
    }
    // Comments
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? n : nl;
      comments.push({ start: i, end });
      i = end;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      comments.push({ start: i, end });
      if (close < 0) problems.push({ start: i, end: i + 2, message: "Unterminated comment: '/*' has no '*/'." });
      i = end;
      continue;
    }
    // Preprocessor line (with backslash continuations)
    if (c === 35 && lineStart) {
      let j = i;
      while (j < n) {
        const nl = text.indexOf('\n', j);
        if (nl < 0) {
          j = n;
          break;
        }
        let k = nl - 1;
        if (text.charCodeAt(k) === 13) k--;
        if (text.charCodeAt(k) === 92) j = nl + 1;
        else {
          j = nl;
          break;
        }
      }
      i = j;
      continue;
    }
    lineStart = false;
    // Raw string R"delim(...)delim"
    if ((c === 82 || ((c === 117 || c === 85 || c === 76) && text.charCodeAt(i + 1) === 82)) && text.charCodeAt(i + (c === 82 ? 1 : 2)) === 34) {
      const q = i + (c === 82 ? 1 : 2);
      const paren = text.indexOf('(', q);
      const delim = paren > q && paren - q <= 17 ? text.slice(q + 1, paren) : undefined;
      if (delim !== undefined && /^[^\s()\\]*$/.test(delim)) {
        const close = text.indexOf(`)${delim}"`, paren + 1);
        const end = close < 0 ? n : close + delim.length + 2;
        if (close < 0) problems.push({ start: i, end: q + 1, message: 'Unterminated raw string literal.' });
        tokens.push({ type: 'string', text: text.slice(paren + 1, close < 0 ? n : close), start: i, end });
        i = end;
        continue;
      }
    }
    if (c === 34 || c === 39) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === c) break;
        else if (d === 10) break;
        else j++;
      }
      const closed = j < n && text.charCodeAt(j) === c;
      if (!closed) problems.push({ start: i, end: Math.min(j, n), message: c === 34 ? 'Unterminated string literal.' : 'Unterminated character literal.' });
      const end = closed ? j + 1 : Math.min(j, n);
      tokens.push({ type: c === 34 ? 'string' : 'number', text: text.slice(i + 1, closed ? j : end), start: i, end });
      i = end;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      tokens.push({ type: 'ident', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n && (isIdentPart(text.charCodeAt(j)) || text.charCodeAt(j) === 46 || text.charCodeAt(j) === 39)) j++;
      tokens.push({ type: 'number', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    // `::` as one token; everything else one character.
    if (c === 58 && text.charCodeAt(i + 1) === 58) {
      tokens.push({ type: 'punct', text: '::', start: i, end: i + 2 });
      i += 2;
      continue;
    }
    tokens.push({ type: 'punct', text: text[i]!, start: i, end: i + 1 });
    i++;
  }
  return { tokens, problems, comments };
}

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * For every bracket token, the index of its partner (-1 when it has none), in one pass with an
 * explicit stack: a closer that does not match the innermost open bracket is skipped, so one stray
 * `)` does not unpair the rest of the file. Lookups are then O(1): no rescans, no recursion.
 */
export function bracketPartners(tokens: readonly Token[]): Int32Array {
  const partner = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'punct') continue;
    if (CLOSER[t.text]) stack.push(i);
    else if (t.text === ')' || t.text === ']' || t.text === '}') {
      const top = stack[stack.length - 1];
      if (top !== undefined && CLOSER[tokens[top]!.text] === t.text) {
        stack.pop();
        partner[top] = i;
        partner[i] = top;
      }
    }
  }
  return partner;
}
