// The editor plist parser: spans, recovery, entities, encodings, depth, binary plists.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodePlistBytes, nodeAt, parsePlist, parsePlistBytes, toValue } from '../../../server/src/plist';
import type { PlistDict, PlistProblem, PlistScalar } from '../../../server/src/plist/types';
import { encodeBinaryPlist } from '../../helpers/bplist';

const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${body}\n</plist>\n`;
const spanText = (text: string, p: { start: number; end: number }) => text.slice(p.start, p.end);
const messages = (problems: PlistProblem[]) => problems.map((p) => `${p.code}: ${p.message}`);

test('every key and value has its span; entries span key to value; back-links are set', () => {
  const text = wrap('<dict>\n\t<key>idVendor</key>\n\t<integer>0x781</integer>\n\t<key>List</key>\n\t<array><string>a</string><true/></array>\n</dict>');
  const doc = parsePlist(text);
  assert.deepEqual(doc.problems, []);
  const dict = doc.root as PlistDict;
  const [vendor, list] = dict.entries as [PlistDict['entries'][0], PlistDict['entries'][0]];
  assert.equal(spanText(text, vendor.keySpan), '<key>idVendor</key>');
  assert.equal(spanText(text, vendor.keyInner), 'idVendor');
  assert.equal(spanText(text, vendor.value!), '<integer>0x781</integer>');
  assert.equal(spanText(text, vendor.value!.inner), '0x781');
  assert.equal(spanText(text, vendor), '<key>idVendor</key>\n\t<integer>0x781</integer>');
  assert.equal(vendor.value!.entry, vendor);
  assert.equal(vendor.value!.parent, dict);
  assert.equal(list.value!.kind, 'array');
  assert.deepEqual(toValue(doc.root), { idVendor: 1921, List: ['a', true] });
  assert.deepEqual(doc.plistElement && spanText(text, doc.plistElement).startsWith('<plist version="1.0">'), true);
});

test('values: hex and signed integers, big integers, reals, dates, data, empty elements', () => {
  const doc = parsePlist(wrap('<array><integer> -12 </integer><integer>0xFFFFFFFFFFFFFFFF</integer><real>1.5e3</real><real>nan</real><date>2024-01-31T12:00:00Z</date><data>\n AAEC\n</data><string/><dict/><array/><true></true><string> keep  spaces </string></array>'));
  assert.deepEqual(doc.problems, []);
  const v = toValue(doc.root) as unknown[];
  assert.equal(v[0], -12);
  assert.equal(v[1], 0xffffffffffffffffn);
  assert.equal(v[2], 1500);
  assert.ok(Number.isNaN(v[3]));
  assert.deepEqual(v[4], new Date('2024-01-31T12:00:00Z'));
  assert.deepEqual(v[5], Buffer.from([0, 1, 2]));
  assert.deepEqual(v.slice(6), ['', {}, [], true, ' keep  spaces ']);
});

test('integers: every text reads as its decimal or hex definition says (the digit-by-digit path included)', () => {
  // The definition: optional sign, then decimal digits or 0x and hex digits, spaces around allowed;
  // exact beyond 2^53 as a bigint.
  const definition = (text: string): number | bigint | undefined => {
    const t = text.trim();
    const m = /^([+-]?)(?:([0-9]+)|0[xX]([0-9a-fA-F]+))$/.exec(t);
    if (!m) return undefined;
    const big = (m[1] === '-' ? -1n : 1n) * BigInt(m[2] !== undefined ? m[2] : '0x' + m[3]);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  };
  const samples = ['0', '-0', '+5', '007', '1452', '-1', '0x5ac', '0X5AC', '-0x1F', '+0x10', '0x', '0x1g', '12a', '', ' ', ' 12 ', '--1', '+-1', '1e3',
    '999999999999999', '9999999999999999', '-9007199254740993', '0xFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFF', '１２'];
  fc.assert(fc.property(fc.oneof(fc.constantFrom(...samples), fc.stringMatching(/^[-+ ]?(0[xX])?[0-9a-fA-F]{0,18} ?$/)), (text) => {
    const node = (parsePlist(`<plist><integer>${text}</integer></plist>`).root as PlistScalar);
    const want = definition(text);
    assert.ok(Object.is(node.value, want) || node.value === want, `${JSON.stringify(text)}: ${String(node.value)} != ${String(want)}`);
  }), { numRuns: 2000 });
});

test('plist-value: bad integer, real, date and data are reported at the element; parsing goes on', () => {
  const text = wrap('<array><integer>12a</integer><real>1,5</real><date>yesterday</date><data>@@@</data><integer>7</integer></array>');
  const doc = parsePlist(text);
  assert.deepEqual(doc.problems.map((p) => [p.code, spanText(text, p)]), [
    ['plist-value', '<integer>12a</integer>'],
    ['plist-value', '<real>1,5</real>'],
    ['plist-value', '<date>yesterday</date>'],
    ['plist-value', '<data>@@@</data>'],
  ]);
  assert.deepEqual(toValue(doc.root), [7]);
});

test('bare & is reported with a fix to &amp;; the five entities and character references decode', () => {
  const text = wrap('<array><string>Tom & Jerry</string><string>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;</string></array>');
  const doc = parsePlist(text);
  assert.equal(doc.problems.length, 1);
  const [p] = doc.problems as [PlistProblem];
  assert.equal(spanText(text, p), '&');
  assert.deepEqual(p.fix!.edits, [{ start: p.start, end: p.end, newText: '&amp;' }]);
  assert.deepEqual(toValue(doc.root), ['Tom & Jerry', `<>&"'AB`]);
});

test('entities are never expanded: DOCTYPE internal subsets and unknown entities are reported', () => {
  const text = '<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaa">]>\n<plist version="1.0"><string>&xxe;&a;</string></plist>';
  const doc = parsePlist(text);
  assert.equal(doc.problems.length, 3, messages(doc.problems).join('\n'));
  assert.match(doc.problems[0]!.message, /internal subset/);
  assert.equal(spanText(text, doc.problems[1]!), '&xxe;');
  assert.equal(toValue(doc.root), '&xxe;&a;', 'kept as text, not expanded');
});

test('recovery: an unclosed value, a key without value and a mismatched tag each reported; later problems still show', () => {
  const text = wrap('<dict>\n\t<key>A</key>\n\t<string>x\n\t<key>B</key>\n\t<key>C</key>\n\t<string>IOUserService</strin>\n\t<key>D</key>\n\t<integer>zz</integer>\n</dict>');
  const doc = parsePlist(text);
  const got = doc.problems.map((p) => [p.code, spanText(text, p)]);
  assert.deepEqual(got, [
    ['plist-syntax', '<string>'],
    ['plist-syntax', '<key>B</key>'],
    ['plist-syntax', '</strin>'],
    ['plist-value', '<integer>zz</integer>'],
  ]);
  const dict = doc.root as PlistDict;
  assert.deepEqual(dict.entries.map((e) => e.key), ['A', 'B', 'C', 'D']);
  // The fixes: close the string after its text; the misspelt close tag.
  const fixed = applyFix(text, doc.problems[0]!);
  assert.ok(fixed.includes('<string>x</string>\n'));
  assert.ok(applyFix(text, doc.problems[2]!).includes('<string>IOUserService</string>'));
});

test('an unclosed key or value ended by another tag keeps its own open tag span (the reader reads more tags)', () => {
  const text = wrap('<dict>\n\t<key>A</key>\n\t<string>half typed\n\t<key>B</key><integer>7</integer>\n\t<key>com.apple.dev</dict>');
  const doc = parsePlist(text);
  const [a, b, c] = (doc.root as PlistDict).entries as [PlistDict['entries'][0], PlistDict['entries'][0], PlistDict['entries'][0]];
  assert.equal(spanText(text, a.value!.inner), 'half typed');
  assert.equal(spanText(text, a.value!), '<string>half typed\n\t');
  assert.equal(spanText(text, a), '<key>A</key>\n\t<string>half typed\n\t');
  assert.equal(spanText(text, b.value!.inner), '7');
  assert.equal(spanText(text, c.keyInner), 'com.apple.dev');
  assert.equal(spanText(text, c.keySpan), '<key>com.apple.dev');
  assert.equal(c.end, c.keySpan.end, 'an entry without a value ends with its key');
});

test('half-typed input at the end: unclosed key and containers, each with a close-tag fix', () => {
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.usb';
  const doc = parsePlist(text);
  assert.ok(doc.problems.length >= 3);
  assert.equal(spanText(text, doc.problems[0]!), '<key>');
  assert.ok(doc.problems.every((p) => p.code === 'plist-syntax'));
  const dict = doc.root as PlistDict;
  assert.deepEqual(dict.entries.map((e) => e.key), ['com.apple.developer.driverkit', 'com.apple.developer.driverkit.transport.usb']);
  let fixed = text;
  for (const p of [...doc.problems].reverse()) if (p.fix) fixed = applyFix(fixed, p);
  const again = parsePlist(fixed);
  assert.deepEqual(again.problems.filter((p) => /not closed/.test(p.message)), []);
});

test('stray text, unknown elements, keys outside dicts, values without keys, two roots', () => {
  const text = wrap('<dict>hello<key>A</key><foo/><string>a</string><string>b</string></dict><array/>');
  const doc = parsePlist(text);
  const got = doc.problems.map((p) => spanText(text, p));
  assert.deepEqual(got, ['hello', '<foo/>', '<string>', '<array/>']);
  assert.match(doc.problems[2]!.message, /without a <key>/);
  assert.match(doc.problems[3]!.message, /second top-level value/);
});

test('comments anywhere, CDATA, CRLF, processing instructions', () => {
  const text = '<?xml version="1.0"?>\r\n<!-- licence\r\n comment -->\r\n<plist version="1.0">\r\n<dict>\r\n\t<key>A</key><!-- after key -->\r\n\t<string>x<!-- in --><![CDATA[<&>]]></string>\r\n</dict>\r\n</plist>\r\n';
  const doc = parsePlist(text);
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(toValue(doc.root), { A: 'x<&>' });
  assert.equal(doc.comments.length, 3);
  assert.equal(doc.comments[0]!.text, ' licence\r\n comment ');
});

test('encodings: UTF-8 BOM, UTF-16 LE/BE with and without BOM', () => {
  const xml = '<?xml version="1.0" encoding="UTF-16"?>\n<plist version="1.0"><string>é✓𝄞</string></plist>';
  const le = Buffer.from(xml, 'utf16le');
  const be = Buffer.from(le).swap16();
  const cases: [Buffer, string][] = [
    [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml.replace('UTF-16', 'UTF-8'))]), 'utf-8'],
    [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'utf-16le'],
    [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'utf-16be'],
    [le, 'utf-16le'],
    [be, 'utf-16be'],
  ];
  for (const [bytes, encoding] of cases) {
    assert.equal(decodePlistBytes(bytes).encoding, encoding);
    const doc = parsePlistBytes(bytes);
    assert.deepEqual(doc.problems, [], encoding);
    assert.equal(toValue(doc.root), 'é✓𝄞', encoding);
  }
});

test('binary plists decode read-only into the same tree; broken ones are reported, not thrown', () => {
  const value = { CFBundleIdentifier: 'com.example.driver', IOKitPersonalities: { P: { idVendor: 1452, IOProbeScore: -3, Ratio: 0.5, on: true, off: false, list: ['a', 'b'] } } };
  const bytes = encodeBinaryPlist(value);
  const doc = parsePlistBytes(bytes);
  assert.equal(doc.binary, true);
  assert.deepEqual(doc.problems.map((p) => p.code), ['binary-plist']);
  assert.deepEqual(toValue(doc.root), value);
  const broken = parsePlistBytes(bytes.subarray(0, 20));
  assert.equal(broken.problems[0]!.code, 'plist-syntax');
  assert.match(broken.problems[0]!.message, /binary plist/);
});

test('nodeAt finds the entry, key and innermost dict at an offset', () => {
  const text = wrap('<dict>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>P</key>\n\t\t<dict>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t</dict>\n\t</dict>\n</dict>');
  const doc = parsePlist(text);
  const inValue = nodeAt(doc, text.indexOf('IOUserService') + 2);
  assert.deepEqual(inValue.path, ['IOKitPersonalities', 'P', 'IOClass']);
  assert.equal(inValue.inKey, false);
  assert.equal(inValue.node?.kind, 'string');
  const inKey = nodeAt(doc, text.indexOf('IOClass') + 1);
  assert.equal(inKey.inKey, true);
  assert.equal(inKey.entry?.key, 'IOClass');
  assert.deepEqual(inKey.path, ['IOKitPersonalities', 'P', 'IOClass']);
});

function applyFix(text: string, p: PlistProblem): string {
  let out = text;
  for (const e of [...p.fix!.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
