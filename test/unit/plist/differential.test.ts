// Differential tests against the reference reader (`plist`'s parse): every corpus file and
// thousands of generated plists give the same values, with no problem reported.
// Known deviation: `plist` reads hex integers (<integer>0x781</integer>) as 0; Apple's
// CFPropertyList and our parser read 1921. Those values are compared against the hex reading.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse as referenceParse } from 'plist';
import { parsePlist, parsePlistBytes, toValue } from '../../../server/src/plist';
import { listCorpusFiles } from '../../helpers/corpus';
import { mutate, mutationArbitrary } from '../../helpers/mutate';
import { quietly } from '../../helpers/quiet';
import { needsShared, sharedTests } from '../../helpers/shared';

/** Normalises values so both readers compare: data → base64, dates → ISO, bigint → text. */
function normal(v: unknown): unknown {
  if (v instanceof Uint8Array) return { data: Buffer.from(v).toString('base64') };
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(normal);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normal(x)]));
  return v;
}

/** Our value with hex integers read the way `plist` reads them (0), for the documented deviation. */
function withHexAsZero(text: string, value: unknown): unknown {
  if (!/<integer>\s*[+-]?0[xX]/.test(text)) return value;
  const doc = parsePlist(text.replace(/<integer>(\s*)[+-]?0[xX][0-9a-fA-F]+(\s*)<\/integer>/g, '<integer>$10$2</integer>'));
  return toValue(doc.root);
}

sharedTests('corpus: every file parses cleanly and equals plist.parse', () => {
  for (const path of listCorpusFiles()) {
    test(`corpus: ${path.split('/').slice(-2).join('/')} parses cleanly and equals plist.parse`, () => {
      const bytes = readFileSync(path);
      const doc = parsePlistBytes(bytes);
      assert.deepEqual(doc.problems, []);
      const text = bytes.toString('utf8');
      const ours = withHexAsZero(text, toValue(doc.root));
      const reference = quietly(() => referenceParse(text));
      assert.deepEqual(normal(ours), normal(reference));
    });
  }
});

test('corpus: the hex integers of knightsc/USBApp read as Apple reads them', needsShared, () => {
  const file = listCorpusFiles().find((p) => p.includes('knightsc__USBApp') && p.endsWith('Info.plist'))!;
  const doc = parsePlistBytes(readFileSync(file));
  const personalities = (toValue(doc.root) as { IOKitPersonalities: Record<string, { idVendor: number }> }).IOKitPersonalities;
  assert.equal(Object.values(personalities)[0]!.idVendor, 0x781);
});

// Generated plists: arbitrary nested values serialised with random whitespace, comments and escaping.
// `plist.parse` refuses `__proto__` keys (CVE-2022-22912), so they get their own test below.
const key = fc.string({ maxLength: 12 }).filter((k) => k !== '__proto__');
const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('Tom & Jerry', '<tag>', 'a > b', '"q"', "it's", 'é✓𝄞', '  spaced  '));
const leaf = fc.oneof(
  text.map((s) => ({ kind: 'string' as const, v: s })),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }).map((n) => ({ kind: 'integer' as const, v: n })),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).filter((x) => !Object.is(x, -0)).map((n) => ({ kind: 'real' as const, v: n })),
  fc.boolean().map((b) => ({ kind: 'bool' as const, v: b })),
  fc.date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => ({ kind: 'date' as const, v: new Date(Math.floor(d.getTime() / 1000) * 1000) })),
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((b) => ({ kind: 'data' as const, v: Buffer.from(b) })),
);
type Gen = { kind: 'string'; v: string } | { kind: 'integer'; v: number } | { kind: 'real'; v: number } | { kind: 'bool'; v: boolean } | { kind: 'date'; v: Date } | { kind: 'data'; v: Buffer } | { kind: 'array'; v: Gen[] } | { kind: 'dict'; v: [string, Gen][] };
const { value: genValue } = fc.letrec<{ value: Gen }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }).map((v) => ({ kind: 'array' as const, v })),
    fc.uniqueArray(fc.tuple(key, tie('value')), { maxLength: 4, selector: (e) => e[0] }).map((v) => ({ kind: 'dict' as const, v })),
  ),
}));

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const ws = fc.constantFrom('', ' ', '\n', '\r\n\t', '\n    ', '<!-- c -->', '\n<!-- a & b -->\n');

function serialize(v: Gen, spaces: string[]): string {
  let k = 0;
  const sp = () => spaces[k++ % spaces.length]!;
  // Iterative serialisation: a work list of strings and values.
  const out: string[] = [];
  const work: (Gen | string)[] = [v];
  while (work.length) {
    const item = work.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    switch (item.kind) {
      case 'string':
        out.push(`<string>${escape(item.v)}</string>`);
        break;
      case 'integer':
        out.push(`<integer>${item.v}</integer>`);
        break;
      case 'real':
        out.push(`<real>${item.v}</real>`);
        break;
      case 'bool':
        out.push(item.v ? '<true/>' : '<false/>');
        break;
      case 'date':
        out.push(`<date>${item.v.toISOString().replace(/\.\d{3}Z$/, 'Z')}</date>`);
        break;
      case 'data':
        out.push(`<data>${item.v.toString('base64')}</data>`);
        break;
      case 'array': {
        const parts: (Gen | string)[] = ['<array>', sp()];
        for (const x of item.v) parts.push(x, sp());
        parts.push('</array>');
        work.push(...parts.reverse());
        break;
      }
      case 'dict': {
        const parts: (Gen | string)[] = ['<dict>', sp()];
        for (const [kk, x] of item.v) parts.push(`<key>${escape(kk)}</key>`, sp(), x, sp());
        parts.push('</dict>');
        work.push(...parts.reverse());
        break;
      }
    }
  }
  return out.join('');
}

test('generated plists: same values as plist.parse, no problems', () => {
  fc.assert(
    fc.property(genValue, fc.array(ws, { minLength: 1, maxLength: 5 }), (value, spaces) => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${serialize(value, spaces)}\n</plist>\n`;
      const doc = parsePlist(xml);
      assert.deepEqual(doc.problems, [], xml);
      const reference = quietly(() => referenceParse(xml));
      assert.deepEqual(normal(toValue(doc.root)), normal(reference), xml);
    }),
    { numRuns: 2000 },
  );
});

test('mutated corpus files never throw and keep spans inside the text', needsShared, () => {
  const files = listCorpusFiles().map((p) => readFileSync(p, 'utf8'));
  fc.assert(
    fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(mutationArbitrary, { maxLength: 6 }), (index, mutations) => {
      const t = mutate(files[index]!, mutations);
      const doc = parsePlist(t);
      for (const pr of doc.problems) assert.ok(pr.start >= 0 && pr.start <= pr.end && pr.end <= t.length, JSON.stringify(pr));
      toValue(doc.root);
    }),
    { numRuns: 1500 },
  );
});

test('a `__proto__` key is data, never the value\'s prototype', () => {
  const doc = parsePlist('<plist version="1.0"><dict><key>__proto__</key><dict><key>polluted</key><true/></dict></dict></plist>');
  assert.deepEqual(doc.problems, []);
  const value = toValue(doc.root) as Record<string, unknown>;
  assert.ok(Object.prototype.hasOwnProperty.call(value, '__proto__'));
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
