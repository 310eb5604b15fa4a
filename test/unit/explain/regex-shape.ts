// A structural check that a regex cannot backtrack catastrophically: no repeated group that
// itself contains a repeat (star height ≤ 1). Quadratic shapes that pass this check are caught by
// the hostile-line tests.

/** Where `source` puts a repeat (`*`, `+`, `{n,}`, `{n,m}` with m > 1) on a group holding one. */
export function nestedRepeats(source: string): number[] {
  const problems: number[] = [];
  const frames: { hasRepeat: boolean }[] = [{ hasRepeat: false }];
  let last: { group: boolean; hasRepeat: boolean } | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      last = { group: false, hasRepeat: false };
    } else if (c === '[') {
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      last = { group: false, hasRepeat: false };
    } else if (c === '(') {
      frames.push({ hasRepeat: false });
      last = undefined;
      if (source[i + 1] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>
        i += 2;
        if (source[i] === '<' && source[i + 1] !== '=' && source[i + 1] !== '!') i = source.indexOf('>', i);
        else if (source[i] === '<') i++;
      }
    } else if (c === ')') {
      const frame = frames.pop()!;
      if (frame.hasRepeat) frames[frames.length - 1]!.hasRepeat = true;
      last = { group: true, hasRepeat: frame.hasRepeat };
    } else if (c === '*' || c === '+' || c === '{') {
      let repeats = true;
      if (c === '{') {
        const close = source.indexOf('}', i);
        const m = /^\{(\d+)(,(\d*))?\}$/.exec(source.slice(i, close + 1));
        if (!m) {
          last = { group: false, hasRepeat: false };
          continue;
        }
        repeats = m[2] !== undefined && (m[3] === '' || Number(m[3]) > 1);
        i = close;
      }
      if (repeats) {
        if (last?.group && last.hasRepeat) problems.push(i);
        frames[frames.length - 1]!.hasRepeat = true;
      }
      if (source[i + 1] === '?') i++;
    } else if (c === '?' || c === '|' || c === '^' || c === '$') {
      if (c === '|') last = undefined;
    } else {
      last = { group: false, hasRepeat: false };
    }
  }
  return problems;
}

/** A deterministic pseudo-random generator (tests must be reproducible). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Long lines built from a sample: its prefixes repeated, its characters in runs, noise over its alphabet. */
export function hostileLines(sample: string, length = 100_000): string[] {
  const fill = (piece: string) => (piece.length ? piece.repeat(Math.ceil(length / piece.length)).slice(0, length) : '');
  const lines = new Set<string>();
  lines.add(fill(sample.slice(0, -1)));
  for (const cut of [0.2, 0.5, 0.8, 0.95]) lines.add(fill(sample.slice(0, Math.max(1, Math.floor(sample.length * cut)))));
  const alphabet = [...new Set(sample)];
  for (const c of alphabet.slice(0, 40)) lines.add(c.repeat(length));
  const random = seededRandom(sample.length);
  for (let n = 0; n < 2; n++) {
    let s = '';
    while (s.length < length) s += alphabet[Math.floor(random() * alphabet.length)];
    lines.add(s);
  }
  lines.delete('');
  return [...lines];
}
