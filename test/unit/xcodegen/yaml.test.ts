// One spec file as positioned values: Yams's scalar types, aliases and merge keys, problems with
// positions, and bounded work on hostile input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYamlFile, resolvePlainScalar, type YamlMap, type YamlValue } from '../../../server/src/xcodegen/yaml';

function plain(value: YamlValue | undefined): unknown {
  if (!value) return undefined;
  if (value.kind === 'scalar') return value.value;
  if (value.kind === 'seq') return value.items.map(plain);
  return Object.fromEntries([...value.entries].map(([k, e]) => [k, plain(e.value)]));
}

function rootMap(text: string): YamlMap {
  const { root, problems } = parseYamlFile(text, '/p/project.yml');
  assert.deepEqual(problems, []);
  assert.equal(root?.kind, 'map');
  return root as YamlMap;
}

test('plain scalars get the types Yams gives them (YAML 1.1, no null)', () => {
  const cases: [string, string, unknown][] = [
    ['yes', 'bool', true],
    ['NO', 'bool', false],
    ['On', 'bool', true],
    ['off', 'bool', false],
    ['y', 'string', 'y'],
    ['n', 'string', 'n'],
    ['1', 'int', 1],
    ['-12', 'int', -12],
    ['0x1F', 'int', 31],
    ['0o17', 'int', 15],
    ['017', 'int', 15],
    ['0b101', 'int', 5],
    ['1_000', 'int', 1000],
    ['1:30', 'int', 90],
    ['15.0', 'float', 15],
    ['5.10', 'float', 5.1],
    ['.5', 'float', 0.5],
    ['1e3', 'float', 1000],
    ['.inf', 'float', Infinity],
    ['2001-12-14', 'timestamp', '2001-12-14'],
    ['~', 'string', '~'],
    ['null', 'string', 'null'],
    ['', 'string', ''],
    ['com.example.app', 'string', 'com.example.app'],
    ['$(inherited)', 'string', '$(inherited)'],
    ['1.2.3', 'string', '1.2.3'],
  ];
  for (const [text, type, value] of cases) assert.deepEqual(resolvePlainScalar(text), { type, value }, text);
});

test('quoted, block and !!str scalars stay strings; !!int is checked', () => {
  const map = rootMap('a: "1"\nb: \'yes\'\nc: !!str 12\nd: |\n  text\ne: !!int 0x10\nf:\n');
  assert.deepEqual(plain(map), { a: '1', b: 'yes', c: '12', d: 'text\n', e: 16, f: '' });
  const bad = parseYamlFile('a: !!int nope\n', '/p.yml');
  assert.equal(bad.problems.length, 1);
  assert.match(bad.problems[0]!.message, /not a valid int/);
});

test('keys and values carry file, offsets and LSP ranges', () => {
  const text = 'name: Demo\ntargets:\n  App:\n    type: application\n';
  const map = rootMap(text);
  const targets = map.entries.get('targets')!.value as YamlMap;
  const app = targets.entries.get('App')!;
  assert.equal(text.slice(app.keySpan.start, app.keySpan.end), 'App');
  assert.deepEqual(app.keySpan.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } });
  const type = (app.value as YamlMap).entries.get('type')!.value;
  assert.equal(text.slice(type.span.start, type.span.end), 'application');
  assert.deepEqual(type.span.range.start, { line: 3, character: 10 });
  assert.equal(type.span.file, '/p/project.yml');
});

test('aliases reuse the anchored value (with its position); merge keys fill in what a map does not set', () => {
  const text = 'base: &b\n  A: 1\n  B: two\nother: &o\n  C: 3\nx:\n  <<: [*b, *o]\n  B: mine\nlist: [*b]\n';
  const map = rootMap(text);
  assert.deepEqual(plain(map.entries.get('x')!.value), { A: 1, B: 'mine', C: 3 });
  const a = (map.entries.get('x')!.value as YamlMap).entries.get('A')!.value;
  assert.equal(text.slice(a.span.start, a.span.end), '1');
  assert.equal(a.span.start, text.indexOf('A: 1') + 3, 'the merged value points at the anchor text');
  assert.deepEqual(plain(map.entries.get('list')!.value), [{ A: 1, B: 'two' }]);
});

test('the first map listed in a merge key wins over later ones', () => {
  const map = rootMap('a: &a {K: from-a}\nb: &b {K: from-b, L: b}\nx:\n  <<: [*a, *b]\n');
  assert.deepEqual(plain(map.entries.get('x')!.value), { K: 'from-a', L: 'b' });
});

test('invalid YAML is reported with positions, never thrown', () => {
  const { problems } = parseYamlFile('a: [1, 2\nb: "x\n', '/p.yml');
  assert.ok(problems.length >= 1);
  for (const p of problems) {
    assert.equal(p.severity, 'error');
    assert.ok(!/ at line \d+/.test(p.message), p.message);
    assert.equal(p.span.file, '/p.yml');
  }
  const dup = parseYamlFile('a: 1\na: 2\n', '/p.yml');
  assert.deepEqual(dup.problems.map((p) => [p.message, p.span.range.start.line]), [['Map keys must be unique: "a" is repeated (Yams refuses the file).', 1]]);
});

test('unknown anchors, a second document and non-scalar keys are problems', () => {
  assert.match(parseYamlFile('a: *nope\n', '/p.yml').problems.map((p) => p.message).join('\n'), /nope/);
  const two = parseYamlFile('a: 1\n---\nb: 2\n', '/p.yml');
  assert.ok(two.problems.some((p) => /one YAML document/.test(p.message) && p.span.range.start.line === 1));
  assert.deepEqual(plain(two.root), { a: 1 });
  const complex = parseYamlFile('? [a, b]\n: c\nd: e\n', '/p.yml');
  assert.ok(complex.problems.some((p) => /key must be a scalar/.test(p.message)));
  assert.deepEqual(plain(complex.root), { d: 'e' });
});

test('an alias bomb is cut off with a problem, quickly', () => {
  let text = 'l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i <= 9; i++) text += `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
  const started = Date.now();
  const { problems } = parseYamlFile(text, '/bomb.yml');
  assert.ok(Date.now() - started < 2000, 'bounded work');
  assert.ok(problems.some((p) => /Too many alias expansions/.test(p.message)));
});

test('ordinary alias use stays within the budget (a value reused many times is fine)', () => {
  let text = 'common: &c {A: 1, B: 2}\ntargets:\n';
  for (let i = 0; i < 2000; i++) text += `  T${i}: {settings: *c}\n`;
  const { problems } = parseYamlFile(text, '/many.yml');
  assert.deepEqual(problems, []);
});

test('deep nesting is reported, not thrown', () => {
  const depth = 5000;
  const { problems } = parseYamlFile(`a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, '/deep.yml');
  assert.ok(problems.length > 0);
});

/** Best of three parses of `text(n)`: the machine is shared. */
function parseTime(text: (n: number) => string, n: number): number {
  const input = text(n);
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = process.hrtime.bigint();
    parseYamlFile(input, '/big.yml');
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

/** 8× the input must take well under 64× the time, which a walk per line (quadratic) would. */
function assertLinear(text: (n: number) => string): void {
  parseTime(text, 200);
  const small = parseTime(text, 500);
  const large = parseTime(text, 4000);
  assert.ok(large < small * 24, `8× input took ${(large / small).toFixed(1)}× the time`);
}

test('large files parse in linear time', () => {
  // The library's own duplicate-key scan (off) would be quadratic in a large `targets:` map.
  assertLinear((n) => {
    let text = 'targets:\n';
    for (let i = 0; i < n; i++) text += `  T${i}:\n    type: tool\n    settings: {A: "${i}", B: yes}\n`;
    return text;
  });
});

test('many aliases resolve in linear time', () => {
  // The library's Alias.resolve walks the whole document for each alias (2,000 aliases took 6 s).
  assertLinear((n) => {
    let text = 'common: &c {A: 1, B: 2}\ntargets:\n';
    for (let i = 0; i < n; i++) text += `  T${i}: {settings: *c}\n`;
    return text;
  });
});
