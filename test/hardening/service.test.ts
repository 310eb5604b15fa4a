// Hardening of the whole language service: mutated real files and hostile inputs never make it
// throw, every answer is well-formed, and time stays linear.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parsePlist, parsePlistBytes } from '../../server/src/plist';
import { getLanguageService } from '../../server/src/service';
import type { Range } from '../../server/src/types';
import { walkFiles } from '../../server/src/workspace/scan';
import { pathToUri } from '../../server/src/workspace/uri';
import { Workspace } from '../../server/src/workspace/workspace';
import { largeInfoPlist } from '../../bench/generate';
import { encodeBinaryPlist, type Value } from '../helpers/bplist';
import { listCorpusFiles } from '../helpers/corpus';
import { mutate, mutationArbitrary } from '../helpers/mutate';
import { fixturesDir, repoRoot } from '../helpers/workspace';

/** `npm run fuzz` multiplies the runs; `npm test` keeps them bounded. */
const RUNS = Number(process.env.DEXT_FUZZ_RUNS ?? 1);

const sources = [...listCorpusFiles(), ...walkFiles(fixturesDir).filter((p) => !/\.(provisionprofile|mobileprovision)$/.test(p)), ...walkFiles(join(repoRoot, 'examples'))].map((path) => ({
  name: path.slice(path.lastIndexOf('/') + 1).replace(/^.*__/, ''),
  text: fs.readFileSync(path, 'utf8'),
}));

/** Validates, then asks every feature at `probes` + 1 offsets; returns what the rules and features threw. */
function exercise(name: string, text: string, probes = 12): string[] {
  const errors: string[] = [];
  const ws = new Workspace();
  const uri = pathToUri(`/h/Driver/${name}`);
  ws.set(uri, text, 1);
  ws.set(pathToUri('/h/Driver/Driver.iig'), 'class D : public IOService { public: virtual kern_return_t Read() QUEUENAME(Q); };', 1);
  // The server's limit of problems per file (the CLI has none).
  const service = getLanguageService(ws, { maxDiagnosticsPerFile: 1000, onRuleError: (id, _u, e) => errors.push(`${id}: ${e instanceof Error ? e.stack : String(e)}`) });
  const file = ws.get(uri)!;
  const lines = file.document.lineCount;
  const inside = (r: Range) => {
    assert.ok(r.start.line >= 0 && r.start.line <= lines && r.end.line <= lines, JSON.stringify(r));
    assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), JSON.stringify(r));
  };
  for (const d of service.doValidation(uri)) {
    inside(d.range);
    for (const f of d.fixes) for (const e of f.edits) if (!e.uri) inside(e.range);
  }
  const step = Math.max(1, Math.floor(text.length / probes));
  for (let offset = 0; offset <= text.length; offset += step) {
    const position = file.document.positionAt(offset);
    const hover = service.doHover(uri, position);
    if (hover) inside(hover.range);
    for (const c of service.doComplete(uri, position)) if (c.range) inside(c.range);
    service.findDefinition(uri, position);
    service.findReferences(uri, position);
    service.doCodeActions(uri, { start: position, end: position });
  }
  service.findDocumentSymbols(uri).forEach((s) => inside(s.range));
  for (const f of service.getFoldingRanges(uri)) assert.ok(f.startLine <= f.endLine);
  return errors;
}

test('mutated fixture, example and corpus files: no rule or feature throws, answers are well-formed', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: sources.length - 1 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 5 }), (index, mutations) => {
      const source = sources[index]!;
      assert.deepEqual(exercise(source.name, mutate(source.text, mutations)), []);
    }),
    { numRuns: 250 * RUNS },
  );
});

test('hostile plists: entity bombs and external entities are reported, never expanded or read', () => {
  const bomb = '<?xml version="1.0"?>\n<!DOCTYPE plist [' + Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i} "${`&l${i - 1};`.repeat(i ? 10 : 0) || 'lol'}">`).join('') + ']>\n<plist version="1.0"><string>&l9;</string></plist>';
  const external = '<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<plist version="1.0"><string>&xxe;</string></plist>';
  const opened: string[] = [];
  const { readFileSync, openSync } = fs;
  (fs as { readFileSync: unknown }).readFileSync = (...args: unknown[]) => {
    opened.push(String(args[0]));
    return (readFileSync as (...a: unknown[]) => unknown)(...args);
  };
  (fs as { openSync: unknown }).openSync = (...args: unknown[]) => {
    opened.push(String(args[0]));
    return (openSync as (...a: unknown[]) => unknown)(...args);
  };
  try {
    const doc = parsePlist(bomb);
    assert.ok(doc.problems.some((p) => /internal subset/.test(p.message)));
    assert.equal(doc.root?.kind === 'string' && doc.root.text, '&l9;');
    const ext = parsePlist(external);
    assert.ok(ext.problems.some((p) => /internal subset/.test(p.message)));
  } finally {
    (fs as { readFileSync: unknown }).readFileSync = readFileSync;
    (fs as { openSync: unknown }).openSync = openSync;
  }
  assert.ok(!opened.some((p) => p.includes('passwd')), 'no entity target is read');
  assert.deepEqual(exercise('Info.plist', bomb), []);
});

test('100,000-deep nesting, random bytes named Info.plist, UTF-16 and binary plists go through the service', () => {
  const deep = '<plist version="1.0"><dict><key>IOKitPersonalities</key>' + '<array>'.repeat(100_000) + '</array>'.repeat(100_000) + '</dict></plist>';
  assert.deepEqual(exercise('Info.plist', deep), []);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      const doc = parsePlistBytes(bytes);
      assert.ok(Array.isArray(doc.problems));
      assert.deepEqual(exercise('Info.plist', Buffer.from(bytes).toString('latin1')), []);
    }),
    { numRuns: 100 * RUNS },
  );
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="UTF-16"?><plist version="1.0"><dict><key>com.apple.developer.driverkit</key><true/></dict></plist>', 'utf16le')]);
  assert.deepEqual(parsePlistBytes(utf16).problems, []);
  const ws = new Workspace();
  const uri = pathToUri('/b/Driver/Info.plist');
  ws.set(uri, '', 0, Buffer.from('bplist00garbage-that-is-not-a-binary-plist'));
  const errors: string[] = [];
  const codes = getLanguageService(ws, { onRuleError: (id) => errors.push(id) }).doValidation(uri).map((d) => d.code);
  assert.deepEqual(errors, []);
  assert.ok(codes.includes('plist-syntax'));
});

test('10 MB files go through the whole service: a many-personality Info.plist, the same on one line, pasted entitlements, a log, a .cpp, a binary plist', () => {
  const large = largeInfoPlist(10_000_000);
  assert.deepEqual(exercise('Info.plist', large, 2), []);
  // Minified: one 10 MB line (line-based work must not turn quadratic).
  assert.deepEqual(exercise('Info.plist', large.replace(/\n\s*/g, ''), 2), []);
  // An entitlements file pasted over and over (80,000 duplicate keys, one line), and a log of a
  // crash loop: every line a known failure.
  const entry = '<key>com.apple.developer.driverkit.transport.usb</key><array><dict><key>idVendor</key><integer>1452</integer></dict></array>';
  assert.deepEqual(exercise('Driver.entitlements', `<plist version="1.0"><dict>${entry.repeat(Math.ceil(10_000_000 / entry.length))}</dict></plist>`, 2), []);
  const line = '2026-11-24 10:00:00.000 kernel: DK: SensorDriver-0x100000abc::start(IOService-0x100000123) fails with 0xe00002e2 (kIOReturnNotPermitted)\n';
  assert.deepEqual(exercise('system.dextlog', line.repeat(Math.ceil(10_000_000 / line.length)), 2), []);
  const body = 'kern_return_t IMPL(SensorDriver, Start)\n{\n    SetDispatchQueue("ReadQueue", ivars->q);\n    return Start(provider, SUPERDISPATCH);\n}\n';
  assert.deepEqual(exercise('SensorDriver.cpp', body.repeat(Math.ceil(10_000_000 / body.length)), 2), []);
  const personalities: Record<string, Value> = {};
  for (let i = 0; i < 20_000; i++) personalities[`P${i}`] = { IOClass: 'IOUserService', IOProviderClass: 'IOUSBHostInterface', IOUserClass: 'D', idVendor: i, bConfigurationValue: 1, bInterfaceNumber: 0, idProduct: 2 };
  const ws = new Workspace();
  const uri = pathToUri('/b/Driver/Info.plist');
  ws.set(uri, '', 0, encodeBinaryPlist({ IOKitPersonalities: personalities, CFBundleIdentifier: 'com.example.d' }));
  const errors: string[] = [];
  const codes = getLanguageService(ws, { onRuleError: (id) => errors.push(id) }).doValidation(uri).map((d) => d.code);
  assert.deepEqual(errors, []);
  assert.ok(codes.includes('binary-plist'));
});

test('.iig and .cpp token soup through the service', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('class', 'A', ':', 'public', 'IOService', '{', '}', '(', ')', ';', 'QUEUENAME', 'LOCALONLY', 'IMPL', ',', 'Start', 'SetDispatchQueue', '"Q"', 'SUPERDISPATCH', '::', '/*', '*/', '//', '\n', '#if', '"', "'", 'R"x(', ')x"', '= 0', 'override'), { maxLength: 120 }), (parts) => {
      const text = parts.join(' ');
      assert.deepEqual(exercise('Driver.iig', text), []);
      assert.deepEqual(exercise('Driver.cpp', text), []);
    }),
    { numRuns: 150 * RUNS },
  );
});

test('time stays linear: validating a 1 MB Info.plist is no superlinear multiple of a 50 KB one', () => {
  const unit = sources.find((s) => s.name === 'Info.plist' && s.text.includes('IOKitPersonalities'))!.text;
  const body = unit.slice(unit.indexOf('<dict>', unit.indexOf('IOKitPersonalities')) + 6, unit.lastIndexOf('</dict>', unit.lastIndexOf('</dict>') - 1));
  const make = (bytes: number) => {
    let personalities = '';
    for (let i = 0; personalities.length < bytes; i++) personalities += body.replace(/<key>([^<]+)<\/key>(\s*<dict>)/, `<key>$1${i}</key>$2`);
    return `<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n<key>IOKitPersonalities</key>\n<dict>\n${personalities}\n</dict>\n</dict>\n</plist>\n`;
  };
  // One keystroke: the new text is set (parsed) and validated, in a workspace that lives on, as
  // in the server. The same text set again would cost nothing (an empty edit keeps the tree and
  // the reports): every other keystroke spells the root tag `<dict >`, which is read with a whole
  // parse and checked by every rule.
  const ws = new Workspace();
  const service = getLanguageService(ws);
  const uri = pathToUri('/l/Driver/Info.plist');
  let version = 0;
  /** Time per input of `reps` keystrokes in a row: equal volumes of text, so the garbage collector's share is alike. */
  const run = (text: string, reps: number) => {
    const t = performance.now();
    for (let i = 0; i < reps; i++) {
      ws.set(uri, ++version % 2 ? text : text.replace('<dict>', '<dict >'), version);
      service.doValidation(uri);
    }
    return (performance.now() - t) / reps;
  };
  const small = make(50_000);
  const large = make(1_000_000);
  const sizeRatio = large.length / small.length;
  // A sample of the small input runs it sizeRatio times: a single 50 KB run allocates too little
  // for a collection to happen inside it, while a 1 MB run pays for its own. Warm the JIT first.
  const smallReps = Math.round(sizeRatio);
  for (let i = 0; i < 3; i++) {
    run(small, smallReps);
    run(large, 1);
  }
  const best = (text: string, reps: number) => Math.min(...Array.from({ length: 7 }, () => run(text, reps)));
  // Linear is the size ratio (~20x). On this kind of machine even a bare pass over the characters
  // costs 20-24x and fast-plist 26-32x (npm run bench, `linearity`): a 1 MB input no longer sits
  // in the CPU caches. Ours measures 20-24x. An O(n^2) step would be ~400x. The guard allows 1.5x
  // the size ratio, best of three attempts, so that a test running beside others is not failed by
  // noise.
  const bound = 1.5 * sizeRatio;
  let ratio = Infinity;
  let times = '';
  for (let attempt = 0; attempt < 3 && ratio >= bound; attempt++) {
    const [l, s] = [best(large, 1), best(small, smallReps)];
    times += ` ${l.toFixed(1)}/${s.toFixed(2)} ms`;
    ratio = Math.min(ratio, l / s);
  }
  assert.ok(ratio < bound, `1 MB took ${ratio.toFixed(1)}x the 50 KB time (size ratio ${sizeRatio.toFixed(1)};${times})`);
});
