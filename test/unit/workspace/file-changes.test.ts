// A file's changes as editors send them: range changes, whole-document changes (reduced to the
// edit they make) and disk re-reads, in any mix. After each, the text, the line index and the
// plist tree (kept and re-read where the edit was) equal those of a file made from the new text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePlist } from '../../../server/src/plist';
import { WorkspaceFile } from '../../../server/src/workspace/files';
import { composeEdits, textEdit } from '../../../server/src/workspace/text-edits';
import { assertSameDocument } from '../../helpers/plist-documents';

const example = readFileSync(join(__dirname, '../../../examples/SensorKit/SensorDriver/Info.plist'), 'utf8');
const withCrLf = example.replace(/\n/g, '\r\n');

type Change = [how: 'range' | 'whole' | 'disk', at: number, length: number, text: string, readTree: boolean];
const change: fc.Arbitrary<Change> = fc.tuple(
  fc.constantFrom('range', 'whole', 'disk'),
  fc.nat(),
  fc.nat({ max: 12 }),
  fc.oneof(fc.stringMatching(/^[a-z0-9 ]{0,3}$/), fc.constantFrom('\n', '\r\n', '\r', '<', '</string>', '<key>k</key><true/>', '&amp;')),
  fc.boolean(),
);

test('range, whole-document and disk changes keep text, line index and plist tree equal to a fresh file', () => {
  fc.assert(
    fc.property(fc.boolean(), fc.array(change, { minLength: 1, maxLength: 12 }), (crlf, changes) => {
      const initial = crlf ? withCrLf : example;
      const file = new WorkspaceFile('file:///p/Info.plist', initial, 1);
      void file.plist;
      let text = initial;
      let version = 1;
      for (const [how, at, length, inserted, readTree] of changes) {
        // Editors place no position between the CR and LF of a line break.
        const outOfCrLf = (offset: number) => (text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset);
        const start = outOfCrLf(at % (text.length + 1));
        const end = outOfCrLf(Math.min(text.length, start + length));
        const next = text.slice(0, start) + inserted + text.slice(end);
        version++;
        if (how === 'range') {
          const range = { start: file.document.positionAt(start), end: file.document.positionAt(end) };
          file.applyChanges([{ range, text: inserted }], version);
        } else if (how === 'whole') file.applyChanges([{ text: next }], version);
        else file.update(next, version);
        text = next;
        assert.equal(file.text, text);
        if (readTree) assertSameDocument(file.plist, parsePlist(text), `after ${how} ${start}-${end} ${JSON.stringify(inserted)}`);
      }
      const fresh = TextDocument.create('file:///p/Info.plist', '', version, text);
      assert.equal(file.document.lineCount, fresh.lineCount);
      for (let offset = 0; offset <= text.length; offset += 7) assert.deepEqual(file.document.positionAt(offset), fresh.positionAt(offset));
      assertSameDocument(file.plist, parsePlist(text), 'at the end');
    }),
    { numRuns: 600 },
  );
});

test('a whole-document change is the edit between the common prefix and suffix, never inside a CRLF', () => {
  const doc = TextDocument.create('u', '', 1, 'a\r\nb');
  assert.deepEqual(textEdit(doc, { text: 'a\r\nxb' }).edit, { start: 3, end: 3, newLength: 1 });
  // Inserting "\r\n" after "a": the common prefix ends between CR and LF and is moved before the CR.
  const { edit, incremental } = textEdit(doc, { text: 'a\r\n\r\nb' });
  assert.ok(edit.start === 1 || edit.start === 3, JSON.stringify(edit));
  const applied = TextDocument.create('u', '', 1, 'a\r\nb');
  TextDocument.update(applied, [incremental], 2);
  assert.equal(applied.getText(), 'a\r\n\r\nb');
});

test('composed edits: one edit doing what two did', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 30 }), fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.string({ maxLength: 4 })), fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.string({ maxLength: 4 })), (text, [a1, l1, t1], [a2, l2, t2]) => {
      const s1 = a1 % (text.length + 1);
      const e1 = Math.min(text.length, s1 + l1);
      const mid = text.slice(0, s1) + t1 + text.slice(e1);
      const s2 = a2 % (mid.length + 1);
      const e2 = Math.min(mid.length, s2 + l2);
      const final = mid.slice(0, s2) + t2 + mid.slice(e2);
      const { start, end, newLength } = composeEdits({ start: s1, end: e1, newLength: t1.length }, { start: s2, end: e2, newLength: t2.length });
      assert.equal(text.slice(0, start) + final.slice(start, start + newLength) + text.slice(end), final);
      assert.equal(final.length - (start + newLength), text.length - end);
    }),
    { numRuns: 2000 },
  );
});
