// From offsets in a scalar's decoded text (what `PlistScalar.text` holds: entities resolved, CDATA
// unwrapped, comments dropped) back to offsets in the file, so a rule can point at one token of a
// value (`0x1234,0x5678`: the comma) and a fix can replace exactly it.
import type { PlistScalar } from './types';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function entityAt(raw: string, i: number): { text: string; length: number } | undefined {
  const semi = raw.indexOf(';', i + 1);
  if (semi < 0 || semi - i > 32) return undefined;
  const name = raw.slice(i + 1, semi);
  if (name in ENTITIES) return { text: ENTITIES[name]!, length: semi + 1 - i };
  const code = /^#x[0-9a-fA-F]+$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]+$/.test(name) ? parseInt(name.slice(1), 10) : NaN;
  if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return { text: String.fromCodePoint(code), length: semi + 1 - i };
  return undefined;
}

/**
 * For each index of `scalar.text` (and one past its end), the file offset it comes from. Returns
 * undefined when the decoded text cannot be reproduced (then callers fall back to the whole value).
 */
export function decodedOffsets(fileText: string, scalar: PlistScalar): number[] | undefined {
  const { start, end } = scalar.inner;
  const offsets: number[] = [];
  let decoded = '';
  let i = start;
  while (i < end) {
    if (fileText.startsWith('<!--', i)) {
      const close = fileText.indexOf('-->', i + 4);
      i = close < 0 || close + 3 > end ? end : close + 3;
      continue;
    }
    if (fileText.startsWith('<![CDATA[', i)) {
      const close = fileText.indexOf(']]>', i + 9);
      const stop = close < 0 || close > end ? end : close;
      for (let j = i + 9; j < stop; j++) {
        offsets.push(j);
        decoded += fileText[j];
      }
      i = stop === end ? end : stop + 3;
      continue;
    }
    if (fileText.charCodeAt(i) === 38 /* & */) {
      const entity = entityAt(fileText, i);
      if (entity) {
        for (let k = 0; k < entity.text.length; k++) offsets.push(i);
        decoded += entity.text;
        i += entity.length;
        continue;
      }
    }
    offsets.push(i);
    decoded += fileText[i];
    i++;
  }
  offsets.push(end);
  return decoded === scalar.text ? offsets : undefined;
}

/** The file span of `[from, to)` of a scalar's decoded text (the whole value when unmappable). */
export function sourceSpan(offsets: number[] | undefined, scalar: PlistScalar, from: number, to: number): { start: number; end: number } {
  if (!offsets) return { start: scalar.inner.start, end: scalar.inner.end };
  const start = offsets[from]!;
  // The end of the last decoded character: the offset of the next one (an entity spans to its `;`).
  const end = to <= from ? start : to < offsets.length - 1 ? offsets[to]! : offsets[offsets.length - 1]!;
  return { start, end };
}
