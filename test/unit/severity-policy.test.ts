// The severity policy of the README ("every error is a fact"), enforced over the rule metadata and
// the knowledge in schemas/: an error needs a primary source, `verify` never errs, every rule and
// every knowledge entry names a public source (and, in schemas/, a confidence), secondary
// knowledge never drives an error, and nothing user-visible cites the internal reference notes.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'jsonc-parser';
import { allRules } from '../../server/src/rules';
import type { Rule } from '../../server/src/rules/types';

const root = join(__dirname, '../..');
const rulesDir = join(root, 'server/src/rules');

/** Internal notes that must never be cited in what ships. */
const INTERNAL = /(?<![\w-])driverkit\.md|shared\/reference|primary-sources\.md|(?<![\w-])rules\.md §/;

/** The source file of each rule, by id (to read per-report severity overrides). */
function ruleSourceFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const area of readdirSync(rulesDir, { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const name of readdirSync(join(rulesDir, area.name))) {
      if (!name.endsWith('.ts')) continue;
      const text = readFileSync(join(rulesDir, area.name, name), 'utf8');
      const id = /\bid: '([a-z0-9-]+)'/.exec(text)?.[1];
      if (id) out.set(id, text);
    }
  }
  return out;
}

/** Whether a rule can report an error: its default, or a per-report `severity: 'error'`. */
function canReportError(rule: Rule, sourceText: string | undefined): boolean {
  return rule.meta.defaultSeverity === 'error' || /severity:\s*'error'/.test(sourceText ?? '');
}

/** The policy's violations for a set of rules (empty = compliant). */
export function severityPolicyViolations(rules: readonly Rule[], sources = ruleSourceFiles()): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    const { id, verify } = rule.meta;
    const list = rule.meta.sources ?? [];
    const errs = canReportError(rule, sources.get(id));
    if (!list.length) problems.push(`${id}: no meta.sources`);
    for (const s of list) {
      if (!s.ref.trim()) problems.push(`${id}: an empty source`);
      if (INTERNAL.test(s.ref)) problems.push(`${id}: cites an internal note (${s.ref})`);
    }
    if (errs && verify) problems.push(`${id}: a verify rule reports errors`);
    if (errs && !list.some((s) => s.primary)) problems.push(`${id}: reports errors without a primary source`);
  }
  return problems;
}

test('every rule names its public sources; an error-level rule has a primary one; verify rules never err', () => {
  assert.deepEqual(severityPolicyViolations(allRules), []);
});

test('the policy check fails on an error rule without a primary source, a verify error rule, and a rule without sources', () => {
  const base = allRules.find((r) => r.meta.id === 'dext-missing-driverkit')!;
  const synthetic = (id: string, meta: Partial<Rule['meta']>): Rule => ({ ...base, meta: { ...base.meta, id, ...meta } });
  const forumOnly = synthetic('synthetic-forum-error', { defaultSeverity: 'error', sources: [{ ref: 'https://developer.apple.com/forums/thread/1', primary: false }] });
  const verifyError = synthetic('synthetic-verify-error', { defaultSeverity: 'error', verify: true });
  const noSources = synthetic('synthetic-no-sources', { defaultSeverity: 'warning', sources: undefined });
  const internal = synthetic('synthetic-internal', { defaultSeverity: 'warning', sources: [{ ref: 'driverkit.md §2', primary: false }] });
  const overrideOnly = synthetic('synthetic-override', { defaultSeverity: 'warning', sources: [{ ref: 'https://developer.apple.com/forums/thread/2', primary: false }] });
  const texts = new Map([['synthetic-override', "report({ start, end, severity: 'error', message })"]]);
  assert.deepEqual(severityPolicyViolations([forumOnly, verifyError, noSources, internal, overrideOnly], texts), [
    'synthetic-forum-error: reports errors without a primary source',
    'synthetic-verify-error: a verify rule reports errors',
    'synthetic-no-sources: no meta.sources',
    'synthetic-internal: cites an internal note (driverkit.md §2)',
    'synthetic-override: reports errors without a primary source',
  ]);
  // The same rule with a primary source passes.
  assert.deepEqual(severityPolicyViolations([synthetic('synthetic-ok', { defaultSeverity: 'error' })], new Map()), []);
});

// ---- schemas/ ----

const CONFIDENCE = new Set(['primary', 'observed', 'secondary']);
/** The iig branch rewrites sdk-queues.jsonc (its sources and confidence values): checked after that merge. */
function schema(name: string): any {
  return parse(readFileSync(join(root, 'schemas', name), 'utf8'));
}

/** [label, entry] for every knowledge entry of a schema, with its section's source/confidence as fallback. */
function entries(name: string): { label: string; source?: string; confidence?: string; entry: any }[] {
  const s = schema(name);
  const out: { label: string; source?: string; confidence?: string; entry: any }[] = [];
  const add = (section: string, list: any[], label: (e: any) => string, fallback?: { source?: string; confidence?: string }) => {
    for (const e of list) out.push({ label: `${name} ${section} ${label(e)}`, source: e.source ?? fallback?.source, confidence: e.confidence ?? fallback?.confidence, entry: e });
  };
  switch (name) {
    case 'entitlements.jsonc':
      add('entitlements', s.entitlements, (e) => e.key);
      add('notEntitlements', s.notEntitlements, (e) => e.key);
      add('transports', s.transports, (e) => e.name);
      add('pciMatchKeys', Object.keys(s.pciMatchKeys).map((k) => ({ key: k })), (e) => e.key, { source: s.pciMatchKeysSource, confidence: s.pciMatchKeysConfidence });
      break;
    case 'families.jsonc':
      add('families', s.families, (e) => e.superclass);
      add('sdkQueueNames', s.sdkQueueNames.map((n: string) => ({ name: n })), (e) => e.name, { source: s.sdkQueueNamesSource, confidence: s.sdkQueueNamesConfidence });
      break;
    case 'personality-keys.jsonc':
      add('keys', s.keys, (e) => e.key);
      add('bundleKeys', s.bundleKeys, (e) => e.key);
      add('providers', s.providers, (e) => e.name);
      add('systemAddedKeys', s.systemAddedKeys.map((k: string) => ({ key: k })), (e) => e.key, { source: s.systemAddedKeysSource, confidence: s.systemAddedKeysConfidence });
      break;
    case 'personality-templates.jsonc':
      add('templates', s.templates, (e) => e.title);
      break;
    case 'ioreturn.jsonc':
      add('system', [s.system], (e) => e.name);
      add('subsystems', s.subsystems, (e) => e.name, { source: s.subsystemsSource, confidence: s.subsystemsConfidence });
      add('codes', s.codes, (e) => e.name);
      for (const c of s.codes) add(`codes ${c.name} dext`, c.dext ?? [], (e) => e.when);
      break;
    case 'log-patterns.jsonc':
      add('patterns', s.patterns, (e) => e.id);
      break;
    case 'system-extension-errors.jsonc':
      add('errors', s.errors, (e) => e.name);
      break;
    case 'usb-matching.jsonc':
      add('rows', [s], () => '(the file)');
      break;
    case 'sdk-queues.jsonc':
      add('queues', s.queues, (e) => e.name);
      break;
    case 'ioregistry-classes.jsonc':
      add('classes', Object.entries(s.classes).map(([name, c]) => ({ name, ...(c as object) })), (e) => e.name);
      break;
    case 'profile-entitlements.jsonc':
      for (const section of ['managed', 'checkedPrefixes', 'checkedKeys', 'uncheckedPrefixes']) add(section, s[section], (e) => e.key ?? e.prefix);
      break;
    default:
      throw new Error(`severity-policy.test.ts does not know the entries of schemas/${name}: add them`);
  }
  return out;
}

const schemaFiles = () => readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.jsonc'));

test('every knowledge entry in schemas/ names a public source and a confidence', () => {
  const problems: string[] = [];
  for (const file of schemaFiles()) {
    for (const { label, source, confidence } of entries(file)) {
      if (!source || source.trim().length < 8) problems.push(`${label}: no source`);
      else if (INTERNAL.test(source)) problems.push(`${label}: cites an internal note`);
      if (!CONFIDENCE.has(confidence ?? '')) problems.push(`${label}: confidence '${confidence}' is none of ${[...CONFIDENCE].join(', ')}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('secondary knowledge never drives an error', () => {
  const ent = schema('entitlements.jsonc');
  for (const e of ent.entitlements) {
    // A forbidden key reported at error needs primary knowledge; otherwise its report is a warning.
    if (e.forbidden && e.confidence !== 'primary') assert.equal(e.forbidden.severity, 'warning', e.key);
    // A defunct key is information only (dext-forbidden-entitlement): never forbidden at the same time.
    if (e.defunct) assert.equal(e.forbidden, undefined, e.key);
  }
  // Families: ioclass-family-mismatch errs only for primary rows; secondary rows are `verify`.
  for (const f of schema('families.jsonc').families) assert.equal(f.verify, f.confidence === 'secondary', f.superclass);
  // Log patterns and IOReturn readings are information (log-known-failure); secondary patterns say "verify" or name closed sources.
  const logRule = allRules.find((r) => r.meta.id === 'log-known-failure')!;
  assert.equal(logRule.meta.defaultSeverity, 'information');
});

test('secondary entries carry "verify" where the file has that field (schemas/README.md), so explain and hover say so', () => {
  const missing = [
    ...schema('log-patterns.jsonc').patterns.filter((p: any) => p.confidence === 'secondary' && p.verify !== true).map((p: any) => `log-patterns.jsonc ${p.id}`),
    ...schema('system-extension-errors.jsonc').errors.filter((e: any) => e.confidence === 'secondary' && e.verify !== true).map((e: any) => `system-extension-errors.jsonc ${e.name}`),
    ...schema('families.jsonc').families.filter((f: any) => f.confidence === 'secondary' && f.verify !== true).map((f: any) => `families.jsonc ${f.superclass}`),
    ...schema('sdk-queues.jsonc').queues.filter((q: any) => q.confidence === 'secondary' && q.verify !== true).map((q: any) => `sdk-queues.jsonc ${q.name}`),
  ];
  assert.deepEqual(missing, []);
});

test('what ships cites no internal note: rule metadata, schemas/, docs/, README, CHANGELOG, texts in the code', () => {
  const offenders: string[] = [];
  for (const rule of allRules) {
    if (INTERNAL.test(JSON.stringify(rule.meta))) offenders.push(`rule ${rule.meta.id}`);
  }
  for (const file of schemaFiles()) {
    if (/driverkit\.md|shared\/reference/.test(readFileSync(join(root, 'schemas', file), 'utf8'))) offenders.push(`schemas/${file}`);
  }
  if (/driverkit\.md|shared\/reference/.test(readFileSync(join(root, 'schemas', 'README.md'), 'utf8'))) offenders.push('schemas/README.md');
  for (const name of readdirSync(join(root, 'docs', 'rules'))) {
    if (/driverkit\.md|shared\/reference/.test(readFileSync(join(root, 'docs', 'rules', name), 'utf8'))) offenders.push(`docs/rules/${name}`);
  }
  for (const name of ['README.md', 'CHANGELOG.md']) {
    if (INTERNAL.test(readFileSync(join(root, name), 'utf8'))) offenders.push(name);
  }
  // Messages, hover and explain texts live in the code: a line that is not a comment must not cite them.
  for (const dir of ['server/src', 'client/src']) offenders.push(...codeLinesCiting(join(root, dir), dir));
  assert.deepEqual(offenders, []);
});

/** Non-comment lines of the .ts files under `dir` that cite an internal note (comments may: they do not ship as text). */
function codeLinesCiting(dir: string, label: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...codeLinesCiting(path, `${label}/${entry.name}`));
    else if (entry.name.endsWith('.ts')) {
      readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
        const code = line.trim();
        if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
        if (INTERNAL.test(line)) out.push(`${label}/${entry.name}:${i + 1}`);
      });
    }
  }
  return out;
}
