// The chunked document against the library's (vscode-languageserver-textdocument): after random
// edits (range changes, whole-text changes, whole texts taken with their edit), with every kind of
// line break and chunks small enough that edits cross them, both give the same text, lines,
// positions and offsets (clamped, out of range, between a CR and its LF).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { layoutOf, type PlistTextFile } from '../../../server/src/plist/edits';
import { ChunkedDocument } from '../../../server/src/workspace/document';

const piece = fc.oneof({ weight: 5, arbitrary: fc.stringMatching(/^[a-z<>/ ]{0,6}$/) }, { weight: 3, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\r\n', '') });
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

type Step = { kind: 'range'; start: number; end: number; text: string; swap: boolean } | { kind: 'full'; text: string } | { kind: 'replace'; start: number; end: number; text: string };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('range' as const), start: fc.nat({ max: 80 }), end: fc.nat({ max: 80 }), text, swap: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('full' as const), text }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), start: fc.nat({ max: 80 }), end: fc.nat({ max: 80 }), text }) },
);

function assertSame(ours: ChunkedDocument, theirs: TextDocument, label: string): void {
  const content = theirs.getText();
  assert.equal(ours.getText(), content, label);
  assert.equal(ours.lineCount, theirs.lineCount, label);
  assert.equal(ours.version, theirs.version, label);
  assert.equal(ours.hasCrLf(), content.includes('\r\n'), `${label}: hasCrLf`);
  for (let offset = -1; offset <= content.length + 1; offset++) {
    assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${label}: positionAt(${offset})`);
    assert.equal(ours.charCodeAt(offset), content.charCodeAt(offset), `${label}: charCodeAt(${offset})`);
  }
  for (let line = -1; line <= theirs.lineCount; line++) {
    for (const character of [-1, 0, 1, 2, 5, 40]) assert.equal(ours.offsetAt({ line, character }), theirs.offsetAt({ line, character }), `${label}: offsetAt(${line}:${character})`);
    assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${label}: getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${label}: getEOLCharacters(${line})`);
  }
  for (let start = 0; start <= content.length; start += 3) for (let end = start; end <= content.length + 2; end += 4) assert.equal(ours.slice(start, end), content.slice(start, end), `${label}: slice(${start}, ${end})`);
}

test('the chunked document equals the library document after random edits', () => {
  fc.assert(
    fc.property(text, fc.array(step, { maxLength: 10 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), (initial, steps, chunkSize, indexFirst) => {
      const ours = new ChunkedDocument('file:///x', '', 1, initial, chunkSize);
      const theirs = TextDocument.create('file:///x', '', 1, initial);
      // The line index made before the edits (updated in place) or after them (made whole).
      if (indexFirst) assertSame(ours, theirs, 'initial');
      steps.forEach((s, i) => {
        const version = i + 2;
        const before = theirs.getText();
        if (s.kind === 'full') {
          ours.update([{ text: s.text }], version);
          TextDocument.update(theirs, [{ text: s.text }], version);
        } else if (s.kind === 'range') {
          const range = { start: theirs.positionAt(s.start), end: theirs.positionAt(s.end) };
          const event = { range: s.swap ? { start: range.end, end: range.start } : range, text: s.text };
          ours.update([event], version);
          TextDocument.update(theirs, [event], version);
        } else {
          // A whole text taken with the edit it makes, at offsets the library can express.
          const start = theirs.offsetAt(theirs.positionAt(Math.min(s.start, s.end)));
          const end = Math.max(start, theirs.offsetAt(theirs.positionAt(Math.max(s.start, s.end))));
          const after = before.slice(0, start) + s.text + before.slice(end);
          ours.replace(after, start, end, s.text.length, version);
          TextDocument.update(theirs, [{ range: { start: theirs.positionAt(start), end: theirs.positionAt(end) }, text: s.text }], version);
        }
        assertSame(ours, theirs, `after step ${i} ${JSON.stringify(s)}`);
      });
    }),
    { numRuns: 600 },
  );
});

/** The layout as it was read from the whole text (before the document was chunked): the oracle. */
function layoutOfWholeText(text: string): { unit: string; newline: string } {
  let tabs = 0;
  let smallest = Infinity;
  let seen = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && seen < 64; nl = text.indexOf('\n', nl + 1)) {
    let i = nl + 1;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    if (i === nl + 1 || text.charCodeAt(i) !== 60) continue;
    seen++;
    if (text.charCodeAt(nl + 1) === 9) tabs++;
    else smallest = Math.min(smallest, i - nl - 1);
  }
  const unit = tabs > 0 && (smallest === Infinity || tabs > 2) ? '\t' : ' '.repeat(smallest === Infinity ? 4 : Math.min(smallest, 8));
  return { unit, newline: text.includes('\r\n') ? '\r\n' : '\n' };
}

test('the layout read from a prefix of the chunks equals the layout of the whole text', () => {
  // Lines of any length (a long line pushes the 64th indented line past the first prefix read).
  const line = fc.tuple(fc.constantFrom('', '\t', '\t\t', '  ', '    ', '   ', ' \t'), fc.constantFrom('<key>k</key>', '<string>', 'text', ''), fc.nat({ max: 3000 }), fc.constantFrom('\n', '\r\n'));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 120 }), (lines) => {
      const text = lines.map(([indent, body, filler, newline]) => indent + body + 'x'.repeat(filler % 7 === 0 ? filler * 4 : filler % 40) + newline).join('');
      const cache = new Map<string, unknown>();
      const file: PlistTextFile = {
        document: new ChunkedDocument('file:///x', '', 1, text, 97),
        parsed: <T>(key: string, compute: (f: PlistTextFile) => T) => (cache.has(key) ? (cache.get(key) as T) : (cache.set(key, compute(file)), cache.get(key) as T)),
      };
      assert.deepEqual(layoutOf(file), layoutOfWholeText(text));
    }),
    { numRuns: 300 },
  );
});
