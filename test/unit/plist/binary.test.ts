// Our binary plist reader: the same values as the reference reader (`plist.parseBinary`) on every
// file it can read, and bounded where the reference is not: reference bombs, cycles, lying
// trailers and garbage are reported as plist-syntax, never thrown, never expanded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseBinary } from 'plist';
import { parseBinaryPlistBytes, toValue } from '../../../server/src/plist';
import { encodeBinaryPlist, rawBplist, type Value } from '../../helpers/bplist';

const problemsOf = (bytes: Uint8Array) => parseBinaryPlistBytes(bytes).problems.map((p) => `${p.code}: ${p.message}`);

const value: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.integer(),
    fc.integer({ min: -(2 ** 52), max: 2 ** 52 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
    fc.boolean(),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string().filter((k) => k !== '__proto__'), tie('value'), { maxKeys: 5 }),
  ),
})).value;

test('the same values as plist.parseBinary on generated binary plists', () => {
  fc.assert(
    fc.property(value, (v) => {
      const bytes = encodeBinaryPlist(v);
      const doc = parseBinaryPlistBytes(bytes);
      assert.deepEqual(doc.problems.map((p) => p.code), ['binary-plist']);
      assert.deepEqual(toValue(doc.root), parseBinary(bytes));
    }),
    { numRuns: 300 },
  );
});

test('an array that contains itself, directly or through a dict, is a cycle', () => {
  assert.match(problemsOf(rawBplist([[0xa1, 0]]))[0]!, /object 0 contains itself/);
  // dict { k: [ dict ] }
  assert.match(problemsOf(rawBplist([[0xd1, 1, 2], [0x51, 0x6b], [0xa1, 0]]))[0]!, /object 0 contains itself/);
  // A shared (not cyclic) child is fine: [x, x].
  assert.deepEqual(toValue(parseBinaryPlistBytes(rawBplist([[0xa2, 1, 1], [0x51, 0x78]])).root), ['x', 'x']);
});

test('UIDs of 1, 2, 4 or 8 bytes read as integers', () => {
  assert.equal(toValue(parseBinaryPlistBytes(rawBplist([[0x81, 0x01, 0x02]])).root), 258);
  assert.equal(toValue(parseBinaryPlistBytes(rawBplist([[0x83, 0, 0, 1, 0]])).root), 256);
});

test('lying trailers, out-of-range references and garbage are reported, never thrown', () => {
  const good = encodeBinaryPlist({ a: [1, 'b', true] });
  const withTrailer = (edit: (t: Buffer) => void) => {
    const copy = Buffer.from(good);
    edit(copy.subarray(copy.length - 32));
    return copy;
  };
  for (const bytes of [
    withTrailer((t) => t.writeBigUInt64BE(2n ** 60n, 8)), // object count
    withTrailer((t) => t.writeBigUInt64BE(99n, 16)), // top object
    withTrailer((t) => t.writeBigUInt64BE(2n ** 40n, 24)), // offset table
    withTrailer((t) => (t[7] = 3)), // reference size
    rawBplist([[0xa1, 7]]), // reference beyond the table
    rawBplist([[0x5f, 0x10, 0xff]]), // string longer than the file
    rawBplist([[0xd1, 1, 1], [0x10, 0x01]]), // integer key
    rawBplist([[0x82, 1, 2, 3]]), // 3-byte UID
    Buffer.from('bplist00'),
  ]) {
    const problems = problemsOf(bytes);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /^plist-syntax: Cannot decode binary plist: /);
  }
  fc.assert(
    fc.property(fc.integer({ min: 8, max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, byte) => {
      const copy = Buffer.from(good);
      copy[at] = byte;
      const doc = parseBinaryPlistBytes(copy);
      assert.equal(doc.problems.length, 1);
    }),
    { numRuns: 500 },
  );
});
