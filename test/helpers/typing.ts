// Where the property tests type: offsets inside element text (between a `>` and the next `<`),
// the middle of each, which is where typing into a plist mostly happens.

/** The middle of each run of text between tags, the first `max` of them. */
export function contentPositions(text: string, max = Infinity): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('>'); i >= 0 && out.length < max; i = text.indexOf('>', i + 1)) {
    const lt = text.indexOf('<', i);
    if (lt > i + 1) out.push(i + 1 + ((lt - i - 1) >> 1));
  }
  return out;
}
