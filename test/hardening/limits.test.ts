// Hostile sizes and shapes through the readers: reference bombs, more than 65,536 objects,
// 100,000-deep nesting (plist and DER), regexes on long hostile lines. Moved out of the unit suite
// (each takes seconds); `npm run fuzz` runs this folder with more property runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseBinary } from 'plist';
import { parseBinaryPlistBytes, parsePlist, toValue } from '../../server/src/plist';
import { MAX_VALUES } from '../../server/src/plist/binary';
import { DerReader } from '../../server/src/profiles/der';
import { encodeBinaryPlist, rawBplist, type Value } from '../helpers/bplist';

const problemsOf = (bytes: Uint8Array) => parseBinaryPlistBytes(bytes).problems.map((p) => `${p.code}: ${p.message}`);

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

test('more than 65,536 objects (4-byte references) read like the reference', () => {
  const personalities: Record<string, Value> = {};
  for (let i = 0; i < 12_000; i++) personalities[`P${i}`] = { IOClass: 'IOUserService', idVendor: i, bConfigurationValue: 1, list: ['a', i] };
  const bytes = encodeBinaryPlist({ IOKitPersonalities: personalities });
  assert.deepEqual(toValue(parseBinaryPlistBytes(bytes).root), parseBinary(bytes));
});

test('a reference bomb stops at MAX_VALUES with a plist-syntax problem', () => {
  // Object i is an array holding object i+1 twice: 2^40 values from 41 objects.
  const objects = Array.from({ length: 40 }, (_, i) => [0xa2, i + 1, i + 1]);
  objects.push([0x51, 0x78]);
  const problems = problemsOf(rawBplist(objects));
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /^plist-syntax: Cannot decode binary plist: it expands to more than 1,000,000 values/);
  assert.equal(MAX_VALUES, 1_000_000);
});

test('100,000 nested arrays parse without overflowing the stack', () => {
  const depth = 100_000;
  const text = '<plist version="1.0">' + '<array>'.repeat(depth) + '</array>'.repeat(depth) + '</plist>';
  const doc = parsePlist(text);
  assert.deepEqual(doc.problems, []);
  let d = 0;
  let node = doc.root;
  while (node?.kind === 'array') {
    d++;
    node = node.items[0];
  }
  assert.equal(d, depth);
  // Unclosed at that depth too.
  const open = parsePlist('<plist version="1.0">' + '<array>'.repeat(depth));
  assert.equal(open.problems.length, depth + 1);
});

test('100 000 nested indefinite-length elements: resolved once each, iteratively', () => {
  const depth = 100_000;
  const b = new Uint8Array(depth * 4 + 3);
  for (let i = 0; i < depth; i++) b.set([0x24, 0x80], i * 2);
  b.set([0x04, 0x01, 0x41], depth * 2);
  // The end-of-contents octets are already zero.
  const r = new DerReader(b);
  const root = r.element(0);
  assert.equal(root.end, b.length);
  // Walking down every level reuses the ends found by the first scan (linear, no recursion).
  let e = root;
  for (let i = 0; i < depth; i++) e = r.children(e)[0]!;
  assert.equal(e.tag, 0x04);
  assert.equal(text(new DerReader(b).octets(new DerReader(b).element(0))), 'A');
  // The same nesting never closed: an error, not a stack overflow.
  assert.throws(() => new DerReader(b.subarray(0, depth * 2 + 3)).element(0), /never ends/);
});

test('the patterns and the code scanner stay linear on long hostile lines', () => {
  // In a child process with a generous bound: a linear scan of these lines takes a few seconds at
  // most; one quadratic regex needs minutes, an exponential one forever.
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'unit', 'explain', 'hostile-run.ts')], { encoding: 'utf8', timeout: 90_000 });
  assert.equal(result.signal, null, 'the hostile-line run did not finish in time: a regex backtracks');
  assert.equal(result.status, 0, result.stderr);
  // Repeated samples are still recognised: the lines were hostile, not unreadable.
  assert.ok(Number(result.stdout.trim()) > 0);
});
