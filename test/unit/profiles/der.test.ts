// The DER/BER reader and the CMS layer: length forms, indefinite lengths, chunked OCTET STRINGs,
// bounds, hostile nesting, and every truncation of real envelopes (never a throw, never a hang).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cmsContent } from '../../../server/src/profiles/cms';
import { DerError, DerReader } from '../../../server/src/profiles/der';
import { der, hasOpenssl, makeProfile, signCms } from '../../helpers/profiles';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

test('short and long definite lengths, with BER leading zeros', () => {
  const long = Buffer.alloc(300, 0x41);
  for (const encoding of [
    Buffer.concat([bytes(0x04, 0x82, 0x01, 0x2c), long]), // 300 in two octets
    Buffer.concat([bytes(0x04, 0x84, 0x00, 0x00, 0x01, 0x2c), long]), // BER: leading zero octets
  ]) {
    const r = new DerReader(encoding);
    const e = r.element(0);
    assert.deepEqual([e.tag, e.constructed, e.contentEnd - e.contentStart, e.end, e.indefinite], [0x04, false, 300, encoding.length, false]);
    assert.equal(text(r.octets(e)), 'A'.repeat(300));
  }
  const short = new DerReader(bytes(0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0x42));
  const children = short.children(short.element(0));
  assert.deepEqual(children.map((c) => [c.tag, c.start, c.end]), [[0x02, 2, 5], [0x04, 5, 8]]);
});

test('indefinite lengths nest and resolve; EOC octets are outside the content', () => {
  // SEQUENCE(indef) { SEQUENCE(indef) { INTEGER 7 } , OCTET STRING "x" }
  const b = bytes(0x30, 0x80, 0x30, 0x80, 0x02, 0x01, 0x07, 0x00, 0x00, 0x04, 0x01, 0x78, 0x00, 0x00);
  const r = new DerReader(b);
  const outer = r.element(0);
  assert.deepEqual([outer.indefinite, outer.contentStart, outer.contentEnd, outer.end], [true, 2, 12, 14]);
  const [inner, octets] = r.children(outer);
  assert.deepEqual([inner!.start, inner!.contentEnd, inner!.end], [2, 7, 9]);
  assert.deepEqual(r.children(inner!).map((c) => c.tag), [0x02]);
  assert.equal(text(r.octets(octets!)), 'x');
});

test('constructed OCTET STRINGs (BER chunks, nested) are joined in order', () => {
  const b = der.indefinite(0x24, der.octets(Buffer.from('ab')), der.tlv(0x24, der.octets(Buffer.from('cd')), der.octets(Buffer.from('e'))), der.octets(Buffer.from('f')));
  const r = new DerReader(b);
  assert.equal(text(r.octets(r.element(0))), 'abcdef');
  const bad = der.indefinite(0x24, der.octets(Buffer.from('ab')), der.tlv(0x02, Buffer.from([1])));
  assert.throws(() => new DerReader(bad).octets(new DerReader(bad).element(0)), /not an OCTET STRING/);
});

test('object identifiers, including multi-octet arcs', () => {
  for (const oid of ['1.2.840.113549.1.7.2', '2.16.840.1.101.3.4.2.1', '2.5.4.3', '1.2.840.10045.4.3.2']) {
    const r = new DerReader(der.oid(oid));
    assert.equal(r.oid(r.element(0)), oid);
  }
  const unterminated = new DerReader(bytes(0x06, 0x02, 0x2a, 0x86));
  assert.throws(() => unterminated.oid(unterminated.element(0)), /malformed OBJECT IDENTIFIER/);
});

test('high tag numbers are read; hostile headers are errors with a position', () => {
  const high = new DerReader(bytes(0x9f, 0x81, 0x00, 0x01, 0xff));
  assert.deepEqual([high.element(0).number, high.element(0).contentStart, high.element(0).end], [128, 4, 5]);
  const cases: [number[], RegExp][] = [
    [[0x30], /truncated/],
    [[0x30, 0x05, 0x02, 0x01], /declares 5 bytes, only 2 remain/],
    [[0x30, 0x80, 0x02, 0x01, 0x01], /never ends/],
    [[0x04, 0x80, 0x00, 0x00], /indefinite length on a primitive/],
    [[0x04, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00], /length too large/],
    [[0x04, 0xff], /reserved length/],
    [[0x04, 0x84, 0x00, 0x01], /truncated length/],
    [[0x1f, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00], /tag too long/],
    [[0x30, 0x80, 0x30, 0x03, 0x02, 0x01], /declares 3 bytes/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => new DerReader(Uint8Array.from(input)).element(0), (e: unknown) => e instanceof DerError && message.test(e.message), String(input));
  }
  // A child that runs past its definite-length parent.
  const overrun = new DerReader(bytes(0x30, 0x02, 0x04, 0x03, 0x41, 0x42, 0x43));
  assert.throws(() => overrun.children(overrun.element(0)), /declares 3 bytes, only 0 remain/);
});

test('CMS content from real envelopes: DER and BER, from openssl (when installed) and from our writer', () => {
  const plist = '<?xml version="1.0"?><plist version="1.0"><dict/></plist>';
  for (const writer of hasOpenssl() ? (['openssl', 'node'] as const) : (['node'] as const)) {
    for (const indefinite of [false, true]) {
      const r = cmsContent(signCms(plist.repeat(indefinite ? 40 : 1), { indefinite, writer }));
      assert.ok(r.ok, `${writer} ${indefinite}: ${r.ok ? '' : r.error}`);
      assert.equal(Buffer.from(r.content).toString('utf8'), plist.repeat(indefinite ? 40 : 1));
    }
  }
});

test('not CMS: empty, text, other ASN.1, a detached signature, trailing bytes tolerated', () => {
  const fails: [Uint8Array, RegExp][] = [
    [new Uint8Array(0), /the file is empty/],
    [Buffer.from('<html><body>Sign in</body></html>'), /not a CMS envelope: the file starts with HTML, not/],
    [bytes(0xca, 0xfe, 0xba, 0xbe, 0x00), /starts with binary data/],
    [der.seq(der.oid('1.2.840.113549.1.7.1'), der.explicit(0, der.octets(Buffer.from('x')))), /not a CMS SignedData envelope \(content type 1\.2\.840\.113549\.1\.7\.1\)/],
    [der.seq(der.int(5)), /no content type/],
    [der.seq(der.oid('1.2.840.113549.1.7.2'), der.explicit(0, der.seq(der.int(1), der.set(), der.seq(der.oid('1.2.840.113549.1.7.1'))))), /detached signature/],
    [der.seq(der.oid('1.2.840.113549.1.7.2'), der.explicit(0, der.seq(der.int(1), der.set(), der.seq(der.oid('1.2.840.113549.1.7.1'), der.explicit(0, der.int(3)))))), /not an OCTET STRING/],
    [der.seq(der.oid('1.2.840.113549.1.7.2')), /no SignedData/],
  ];
  for (const [input, message] of fails) {
    const r = cmsContent(input);
    assert.equal(r.ok, false);
    assert.match((r as { error: string }).error, message);
  }
  const good = signCms('<plist/>', { writer: 'node' });
  assert.ok(cmsContent(Buffer.concat([good, Buffer.from('\n\n')])).ok, 'trailing bytes after the envelope are ignored');
});

test('every truncation of a real profile is reported as truncated, never thrown', () => {
  for (const indefinite of [false, true]) {
    const full = makeProfile({ name: 'Truncate Me', bundleId: 'com.example.driver', entitlements: { 'com.apple.developer.driverkit': true }, indefinite });
    for (let n = 1; n < full.length; n++) {
      const r = cmsContent(full.subarray(0, n));
      assert.equal(r.ok, false, `prefix ${n} of ${full.length}`);
      assert.match((r as { error: string }).error, /truncated|never ends|no length/, `prefix ${n}`);
    }
  }
});

test('single-byte corruptions anywhere never throw', () => {
  const full = makeProfile({ name: 'Corrupt Me', bundleId: 'com.example.driver', entitlements: { 'com.apple.developer.driverkit': true }, indefinite: true });
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
  for (let i = 0; i < full.length; i++) {
    const copy = Buffer.from(full);
    copy[i] = Math.floor(random() * 256);
    assert.doesNotThrow(() => cmsContent(copy));
  }
  for (let i = 0; i < 200; i++) assert.doesNotThrow(() => cmsContent(Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256)))));
});
