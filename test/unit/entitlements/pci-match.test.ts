// The PCI match-string parser: the kernel's reading (driverkit.md §7), vendor/device decoding, and
// linear time on hostile input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CLASS_MATCH_DEFAULT_MASK,
  describeTerm,
  parsePciMatch,
  separatorRepair,
  termAllowsVendor,
  vendorOfTerm,
} from '../../../server/src/dext/pci-match';

test('terms: VALUE and VALUE&MASK, hex with or without 0x, any whitespace between', () => {
  const { terms, problems, stoppedAt } = parsePciMatch(' 0x00261011&0xFFFF0000\t00271011\n0X12AB ');
  assert.deepEqual(problems, []);
  assert.equal(stoppedAt, undefined);
  assert.deepEqual(terms.map((t) => [t.value, t.mask, t.explicitMask]), [
    [0x00261011, 0xffff0000, true],
    [0x00271011, 0xffffffff, false],
    [0x12ab, 0xffffffff, false],
  ]);
  assert.deepEqual(terms.map((t) => [t.start, t.end]), [[1, 22], [23, 31], [32, 38]]);
});

test('the kernel stops at the first unexpected character: a comma or pipe drops later terms', () => {
  const comma = parsePciMatch('0x00261011,0x00271011 0x00281011');
  assert.equal(comma.terms.length, 1);
  assert.equal(comma.stoppedAt, 10);
  assert.deepEqual(comma.problems.map((p) => [p.kind, p.start, p.end]), [['separator', 10, 11]]);
  assert.equal(parsePciMatch('0x1|0x2').problems[0]!.kind, 'separator');
  assert.equal(parsePciMatch('0x1;0x2').problems[0]!.kind, 'invalid-character');
  assert.equal(parsePciMatch('vendor').problems[0]!.kind, 'invalid-character');
  assert.equal(parsePciMatch('0x1&').problems[0]!.kind, 'missing-digits');
  assert.equal(parsePciMatch('').problems[0]!.kind, 'empty');
  assert.equal(parsePciMatch(' \n ').problems[0]!.kind, 'empty');
});

test('more than 8 hex digits: a warning when the extra digits are zero or masked off, and the term keeps the low 32 bits', () => {
  // IOPCIBridge::matchKeys: 64-bit value and mask, `(value & mask) == (reg & mask)` with a 32-bit register.
  const r = parsePciMatch('0x1000261011&0x0FFFFFFFF');
  assert.deepEqual(r.problems.map((p) => [p.kind, p.start, p.end, p.severity]), [['too-many-digits', 2, 12, 'warning'], ['too-many-digits', 15, 24, 'warning']]);
  assert.equal(r.terms[0]!.value, 0x00261011);
  assert.equal(r.terms[0]!.mask, 0xffffffff);
  assert.deepEqual(r.unmatchable, []);
  // The default mask is 32 bits: the high digits of the value are masked off.
  assert.equal(parsePciMatch('0x1000261011').problems[0]!.severity, 'warning');
  assert.equal(parsePciMatch('0x1000261011').terms[0]!.value, 0x00261011);
  // Leading zeros change nothing.
  assert.equal(parsePciMatch('0x0000000000261011').terms[0]!.value, 0x00261011);
});

test('more than 8 hex digits: an error when value and mask share a bit above the 32nd (the term never matches)', () => {
  const r = parsePciMatch('0x1000261011&0x1FFFFFFFFF 0x00271011');
  assert.deepEqual(r.problems.map((p) => [p.kind, p.start, p.end, p.severity]), [['too-many-digits', 2, 12, undefined], ['too-many-digits', 15, 25, undefined]]);
  assert.match(r.problems[0]!.message, /can never match/);
  assert.deepEqual(r.terms.map((t) => t.value), [0x00271011], 'the unmatchable term is not a match term');
  assert.deepEqual(r.unmatchable.map((t) => [t.start, t.end]), [[0, 25]]);
  // More than 16 significant digits: strtoul saturates at ULONG_MAX, so with a full mask it never matches.
  const saturated = parsePciMatch('0x100000000000000261011&0xFFFFFFFFFFFFFFFF');
  assert.equal(saturated.terms.length, 0);
  assert.equal(saturated.unmatchable.length, 1);
  // A string of only unmatchable terms is not "empty".
  assert.ok(!saturated.problems.some((p) => p.kind === 'empty'));
});

test('separator repair: offered only when replacing every , and | leaves a clean string', () => {
  assert.deepEqual(separatorRepair('0x1,0x2|0x3'), { positions: [3, 7] });
  assert.equal(separatorRepair('0x1,0x2;0x3'), undefined);
  assert.equal(separatorRepair('0x1 0x2'), undefined);
});

test('vendor and device of a term; coverage of a vendor by an entitlement term', () => {
  const [exact] = parsePciMatch('0x00261011').terms;
  assert.equal(vendorOfTerm(exact!), 0x1011);
  const [any] = parsePciMatch('0xFFFFFFFF&0x00000000').terms;
  assert.equal(vendorOfTerm(any!), 'any');
  const [partial] = parsePciMatch('0x00001011&0x0000FF00').terms;
  assert.equal(vendorOfTerm(partial!), undefined);
  const [granted] = parsePciMatch('0x000010b5&0x0000FFFF').terms;
  assert.ok(termAllowsVendor(granted!, 0x10b5));
  assert.ok(!termAllowsVendor(granted!, 0x10b6));
  assert.ok(termAllowsVendor(any!, 0x1234));
});

test('describeTerm: vendor and device for the id registers, class fields for IOPCIClassMatch', () => {
  const [t] = parsePciMatch('0x00261011').terms;
  assert.equal(describeTerm('IOPCIPrimaryMatch', t!), '`0x00261011&0xffffffff` (default mask): vendor 0x1011 (4113), device 0x0026 (38)');
  const [dev] = parsePciMatch('0xFFFFFFFF&0x00000000').terms;
  assert.match(describeTerm('IOPCIPrimaryMatch', dev!), /any vendor, any device — matches \*\*any\*\* device/);
  const [sub] = parsePciMatch('0x00a11b21&0x0000ffff').terms;
  assert.equal(describeTerm('IOPCISecondaryMatch', sub!), '`0x00a11b21&0x0000ffff`: subsystem vendor 0x1b21 (6945), any subsystem');
  const [cls] = parsePciMatch('0x02000000&0xffff0000', CLASS_MATCH_DEFAULT_MASK).terms;
  assert.equal(describeTerm('IOPCIClassMatch', cls!), '`0x02000000&0xffff0000`: class 0x02, subclass 0x00, any prog-if');
  const [clsDefault] = parsePciMatch('0x01060100', CLASS_MATCH_DEFAULT_MASK).terms;
  assert.equal(describeTerm('IOPCIClassMatch', clsDefault!), '`0x01060100&0xffffff00` (default mask): class 0x01, subclass 0x06, prog-if 0x01');
});

test('linear on long and hostile input', () => {
  const many = Array.from({ length: 50_000 }, (_, i) => '0x' + i.toString(16)).join(' ');
  assert.equal(parsePciMatch(many).terms.length, 50_000);
  const digits = '0x' + 'f'.repeat(200_000);
  assert.equal(parsePciMatch(digits).problems[0]!.kind, 'too-many-digits');
  const ampersands = '0x1' + '&'.repeat(100_000);
  assert.equal(parsePciMatch(ampersands).problems.length, 1);
});
