// Incremental re-parsing against the full parse: for random edit sequences, the tree kept and
// spliced edit after edit equals a fresh parse of the final text (nodes, spans, back-links,
// problems, comments). Edits are biased towards what typing does (inside a value or a key) and
// towards the structure the splice must refuse (tags, entities, comments, half-typed markup).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parsePlist } from '../../../server/src/plist';
import { reparsePlist, type PlistEdit, type ReparseOutcome } from '../../../server/src/plist/incremental';
import { largeInfoPlist } from '../../../bench/generate';
import { corpusDir, listCorpusFiles } from '../../helpers/corpus';
import { assertSameDocument } from '../../helpers/plist-documents';
import { contentPositions } from '../../helpers/typing';

const example = readFileSync(join(__dirname, '../../../examples/SensorKit/SensorDriver/Info.plist'), 'utf8');
const fixtures = join(__dirname, '../../fixtures');
const fixtureFiles = (readdirSync(fixtures, { recursive: true }) as string[]).filter((f) => /\.(plist|entitlements)$/.test(f)).map((f) => join(fixtures, f));
// The corpus is a sibling of the repository; a checkout elsewhere has the fixtures only.
const corpusFiles = existsSync(corpusDir) ? listCorpusFiles() : [];
const texts = [example, largeInfoPlist(6_000), ...[...fixtureFiles, ...corpusFiles].map((p) => readFileSync(p, 'utf8')).filter((t) => !t.startsWith('bplist'))];

// What is typed: plain characters most of the time, sometimes structure.
const typed = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-zA-Z0-9 .$()_-]{0,4}$/) },
  { weight: 3, arbitrary: fc.constantFrom('<', '>', '/', '&', ';', '&amp;', '&bogus;', '<!--', '-->', ' x -->', '<![CDATA[', ']]>', '\n', '\t') },
  { weight: 3, arbitrary: fc.constantFrom('</string>', '<string>', '<key>k</key>', '<key>', '</key>', '<dict>', '</dict>', '<array>', '</array>', '<true/>', '<integer>', '</integer>', '0x', '</strin>', '<key>a</key><string>b</string>', '</plist>') },
);

/** An edit at a position chosen by `where`: inside some element's text (mostly), or anywhere. */
type EditChoice = [where: number, anywhere: boolean, length: number, text: string];
const editChoice: fc.Arbitrary<EditChoice> = fc.tuple(fc.nat(), fc.boolean(), fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat({ max: 3 }) }, { weight: 1, arbitrary: fc.nat({ max: 40 }) }), typed);

function applyChoice(text: string, [where, anywhere, length, inserted]: EditChoice): { text: string; edit: PlistEdit } {
  const inside = anywhere ? [] : contentPositions(text, 4000);
  const start = inside.length ? inside[where % inside.length]! : where % (text.length + 1);
  const end = Math.min(text.length, start + length);
  return { text: text.slice(0, start) + inserted + text.slice(end), edit: { start, end, newLength: inserted.length } };
}

test('incremental re-parse equals a fresh parse after random edit sequences', () => {
  const outcomes = new Map<ReparseOutcome, number>();
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(editChoice, { minLength: 1, maxLength: 10 }), (index, choices) => {
      let text = texts[index]!;
      let doc = parsePlist(text);
      for (const choice of choices) {
        const applied = applyChoice(text, choice);
        const before = text;
        text = applied.text;
        const reparsed = reparsePlist(doc, text, applied.edit);
        doc = reparsed.document;
        outcomes.set(reparsed.outcome, (outcomes.get(reparsed.outcome) ?? 0) + 1);
        const context = `edit ${JSON.stringify(applied.edit)} ${JSON.stringify(before.slice(applied.edit.start - 20, applied.edit.end + 20))} → ${JSON.stringify(text.slice(applied.edit.start - 20, applied.edit.start + applied.edit.newLength + 20))}`;
        assertSameDocument(doc, parsePlist(text), context);
      }
    }),
    { numRuns: Number(process.env.DEXT_INCREMENTAL_RUNS ?? 1500) },
  );
  if (process.env.DEXT_SHOW_OUTCOMES) console.log([...outcomes]);
  // The property must exercise the splice, not only the fallback. Typical counts over 1,500 runs:
  // element 950-1,150, key 530-650, full 5,600-6,000; the bounds are half of those, so a random
  // seed never fails them and a splice that stopped being taken always does.
  assert.ok((outcomes.get('element') ?? 0) > 450, JSON.stringify([...outcomes]));
  assert.ok((outcomes.get('key') ?? 0) > 250, JSON.stringify([...outcomes]));
  assert.ok((outcomes.get('full') ?? 0) > 2500, JSON.stringify([...outcomes]));
});

test('typing in a string of a large file re-reads that string only', () => {
  let text = largeInfoPlist(200_000);
  let doc = parsePlist(text);
  const root = doc.root;
  const at = text.indexOf('SensorDriver</string>', text.length >> 1) + 'Sensor'.length;
  for (const ch of 'Xy') {
    text = text.slice(0, at) + ch + text.slice(at);
    const reparsed = reparsePlist(doc, text, { start: at, end: at, newLength: 1 });
    doc = reparsed.document;
    assert.equal(reparsed.outcome, 'element');
    assert.equal(reparsed.withinRootKey, 'IOKitPersonalities');
  }
  assert.equal(doc.root, root, 'the tree is kept');
  assertSameDocument(doc, parsePlist(text), 'after typing');
});

test('a whole-file change that is no change keeps the document', () => {
  const doc = parsePlist(example);
  const again = reparsePlist(doc, example, { start: 10, end: 10, newLength: 0 });
  assert.equal(again.outcome, 'unchanged');
  assertSameDocument(again.document, parsePlist(example), 'unchanged');
});
