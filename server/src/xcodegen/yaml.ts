// One YAML file of an XcodeGen spec as a tree of positioned values. The `yaml` package parses;
// this walk gives every scalar the type XcodeGen's YAML reader (Yams, YAML 1.1 rules, with the
// null rule removed so `~` and empty values stay strings) would give it, expands aliases and `<<`
// merge keys itself (so every value keeps the position of the text that wrote it), and bounds
// the expansion so an alias bomb is reported instead of eating the machine.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, visit, type Alias, type Document, type Node as YNode } from 'yaml';
import type { Range } from '../types';

/** Where a value or key was written: a file and a half-open span of offsets in its text. */
export interface YamlSpan {
  file: string;
  start: number;
  end: number;
  /** The same span as LSP line/character positions (0-based, UTF-16). */
  range: Range;
}

export type ScalarType = 'string' | 'int' | 'float' | 'bool' | 'timestamp';

export interface YamlScalar {
  kind: 'scalar';
  /** int and float are numbers, bool a boolean; everything else the string. */
  value: string | number | boolean;
  type: ScalarType;
  /** The scalar's text as written (after unquoting), for messages and settings. */
  text: string;
  span: YamlSpan;
}

export interface YamlSeq {
  kind: 'seq';
  items: YamlValue[];
  span: YamlSpan;
}

export interface YamlEntry {
  key: string;
  keySpan: YamlSpan;
  value: YamlValue;
}

export interface YamlMap {
  kind: 'map';
  /** In document order; a later duplicate replaces the earlier one (the parser reports it). */
  entries: Map<string, YamlEntry>;
  span: YamlSpan;
}

export type YamlValue = YamlScalar | YamlSeq | YamlMap;

export type ProblemSeverity = 'error' | 'warning';

/** Something wrong with the spec, where it is. XcodeGen would refuse the errors. */
export interface SpecProblem {
  severity: ProblemSeverity;
  message: string;
  span: YamlSpan;
}

/** Offsets to LSP positions for one file; shared by every span of that file. */
export class SpanMaker {
  private readonly lines = new LineCounter();
  constructor(
    readonly file: string,
    text: string,
  ) {
    this.lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lines.addNewLine(i + 1);
  }
  span(start: number, end: number): YamlSpan {
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(end);
    return {
      file: this.file,
      start,
      end,
      range: { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } },
    };
  }
}

// Yams's YAML 1.1 resolution rules (Resolver.default), in its order; null is removed by XcodeGen.
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;

function sexagesimal(digits: string): number {
  return digits.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

function parseInt11(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[-+]/, '').replace(/_/g, '');
  if (body.includes(':')) return sign * sexagesimal(body);
  if (body.startsWith('0b')) return sign * parseInt(body.slice(2), 2);
  if (body.startsWith('0x')) return sign * parseInt(body.slice(2), 16);
  if (body.startsWith('0o')) return sign * parseInt(body.slice(2), 8);
  if (body.length > 1 && body.startsWith('0')) return sign * parseInt(body.slice(1), 8);
  return sign * Number(body);
}

function parseFloat11(text: string): number {
  const body = text.replace(/_/g, '');
  if (/\.nan$/i.test(body)) return NaN;
  if (/\.inf$/i.test(body)) return body.startsWith('-') ? -Infinity : Infinity;
  if (body.includes(':')) {
    const sign = body.startsWith('-') ? -1 : 1;
    const [whole, fraction] = body.replace(/^[-+]/, '').split('.') as [string, string];
    return sign * (sexagesimal(whole) + Number(`0.${fraction || '0'}`));
  }
  return Number(body);
}

/** The type and value Yams gives a plain (unquoted, untagged) scalar. */
export function resolvePlainScalar(text: string): { type: ScalarType; value: string | number | boolean } {
  if (BOOL.test(text)) return { type: 'bool', value: /^(?:yes|true|on)$/i.test(text) };
  if (INT.test(text)) return { type: 'int', value: parseInt11(text) };
  if (FLOAT.test(text)) return { type: 'float', value: parseFloat11(text) };
  if (TIMESTAMP.test(text)) return { type: 'timestamp', value: text };
  return { type: 'string', value: text };
}

const TAG_TYPES: Record<string, ScalarType> = {
  'tag:yaml.org,2002:str': 'string',
  'tag:yaml.org,2002:int': 'int',
  'tag:yaml.org,2002:float': 'float',
  'tag:yaml.org,2002:bool': 'bool',
  'tag:yaml.org,2002:timestamp': 'timestamp',
};

export interface ParsedYaml {
  root?: YamlValue;
  problems: SpecProblem[];
}

/** Most values that aliases may add to a file beyond the file's own nodes (an alias bomb stops here). */
const MIN_ALIAS_EXPANSION_BUDGET = 100_000;

/**
 * Every alias of a document with the node it names: the last node anchored with its name before
 * it in document order, as the library's `Alias.resolve` finds it. One walk for all of them:
 * `Alias.resolve` walks the whole document for each alias, which made 2,000 aliases take 6 s.
 */
function aliasTargetsOf(doc: Document.Parsed): Map<Alias, YNode> {
  const targets = new Map<Alias, YNode>();
  const latest = new Map<string, YNode>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = latest.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) latest.set(node.anchor, node);
    },
  });
  return targets;
}

/** Parses one YAML file into positioned values; never throws, reports problems with positions. */
export function parseYamlFile(text: string, file: string): ParsedYaml {
  const spans = new SpanMaker(file, text);
  const problems: SpecProblem[] = [];
  const problem = (severity: ProblemSeverity, message: string, start: number, end: number) =>
    problems.push({ severity, message, span: spans.span(start, Math.max(start, end)) });
  // failsafe: every scalar stays a string with its source style, so the resolution above is Yams's
  // and not the library's YAML 1.2 or 1.1 idea of it (which differ on `y`, `0o`, `~`, …).
  // Duplicate keys are found below with a hash map: the library's check scans each map's keys
  // for every key, quadratic in a `targets:` map of thousands.
  const documents = parseAllDocuments(text, { schema: 'failsafe', merge: false, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [];
  if (!Array.isArray(documents)) problem('error', 'Not a YAML stream.', 0, 0);
  for (const doc of list) {
    for (const e of [...doc.errors, ...doc.warnings]) {
      // The failsafe schema knows no !!int, !!bool, …: the scalars below resolve those tags.
      if (e.code === 'TAG_RESOLVE_FAILED') continue;
      const [start, end] = e.pos;
      const message = e.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
      problem(e.name === 'YAMLWarning' ? 'warning' : 'error', message || e.code, start, end);
    }
  }
  const first = list[0];
  if (list.length > 1) {
    const second = list[1]!;
    problem('error', 'A spec holds one YAML document: XcodeGen refuses a second one.', second.range[0], second.range[1]);
  }
  if (!first || first.contents === null) return { problems };

  // Converted values per parsed node: an alias reuses the value of its anchor's node. `sizes`
  // counts the values a full (tree) walk of each converted value visits; the budget caps the total
  // that aliases add, which is what later passes (merging, templates, rendering) walk.
  const converted = new Map<YNode, YamlValue | undefined>();
  let aliasTargets: Map<Alias, YNode> | undefined;
  const sizes = new WeakMap<YamlValue, number>();
  let ownNodes = 0;
  let aliasAdded = 0;
  let budget = MIN_ALIAS_EXPANSION_BUDGET;
  const sizeOf = (v: YamlValue | undefined) => (v ? sizes.get(v) ?? 1 : 0);
  const nodeRange = (node: YNode): [number, number] => {
    const r = node.range;
    return r ? [r[0], r[1]] : [0, 0];
  };

  const convert = (node: YNode | null | undefined, fallbackAt: number): YamlValue | undefined => {
    if (node === null || node === undefined) {
      // `key:` with nothing after it: Yams reads an empty string (the null rule is removed).
      return { kind: 'scalar', type: 'string', value: '', text: '', span: spans.span(fallbackAt, fallbackAt) };
    }
    if (isAlias(node)) {
      const [start, end] = nodeRange(node);
      aliasTargets ??= aliasTargetsOf(first);
      const target = aliasTargets.get(node);
      if (!target) {
        problem('error', `Unknown anchor *${node.source}.`, start, end);
        return undefined;
      }
      if (!converted.has(target)) {
        problem('error', `The alias *${node.source} refers to a value that contains it.`, start, end);
        return undefined;
      }
      const value = converted.get(target);
      const added = sizeOf(value);
      if (aliasAdded + added > budget) {
        problem('error', `Too many alias expansions (an alias bomb?): *${node.source} is left out.`, start, end);
        return undefined;
      }
      aliasAdded += added;
      return value;
    }
    ownNodes++;
    budget = Math.max(budget, ownNodes * 10);
    // Registered before the children are converted, so a self-referencing alias is detected.
    converted.set(node, undefined);
    const value = convertOwn(node);
    converted.set(node, value);
    return value;
  };

  const convertOwn = (node: YNode): YamlValue | undefined => {
    const [start, end] = nodeRange(node);
    const span = spans.span(start, end);
    if (isScalar(node)) return scalarValue(node, span);
    if (isSeq(node)) {
      const items: YamlValue[] = [];
      let size = 1;
      for (const item of node.items) {
        const v = convert(item as YNode, end);
        if (v) {
          items.push(v);
          size += sizeOf(v);
        }
      }
      const seq: YamlSeq = { kind: 'seq', items, span };
      sizes.set(seq, size);
      return seq;
    }
    if (isMap(node)) {
      const entries = new Map<string, YamlEntry>();
      const merged: YamlMap[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YNode | null;
        const [ks, ke] = keyNode ? nodeRange(keyNode) : [start, start];
        if (keyNode && isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<' && !keyNode.tag) {
          // A merge key: its maps' entries fill in what this map does not set itself.
          const source = convert(pair.value as YNode, ke);
          const maps = source?.kind === 'seq' ? source.items : source ? [source] : [];
          for (const m of maps) {
            if (m.kind === 'map') merged.push(m);
            else problem('error', 'A merge key (<<) takes a map or a list of maps.', m.span.start, m.span.end);
          }
          continue;
        }
        let key: string;
        if (!keyNode) key = '';
        else if (isScalar(keyNode)) key = String(keyNode.value);
        else if (isAlias(keyNode)) {
          const target = convert(keyNode, ke);
          if (target?.kind !== 'scalar') {
            problem('error', 'A key must be a scalar.', ks, ke);
            continue;
          }
          key = target.text;
        } else {
          problem('error', 'A key must be a scalar (XcodeGen reads maps with string keys).', ks, ke);
          continue;
        }
        const value = convert(pair.value as YNode | null, ke);
        if (entries.has(key)) problem('error', `Map keys must be unique: "${key}" is repeated (Yams refuses the file).`, ks, ke);
        if (!value) continue;
        entries.set(key, { key, keySpan: spans.span(ks, ke), value });
      }
      let size = 1;
      if (merged.length) {
        // Explicit keys win over merged ones; among merged maps the first one listed wins.
        const own = entries;
        const all = new Map<string, YamlEntry>();
        for (const m of merged) for (const [k, e] of m.entries) if (!own.has(k) && !all.has(k)) all.set(k, e);
        for (const [k, e] of own) all.set(k, e);
        for (const e of all.values()) size += sizeOf(e.value);
        const map: YamlMap = { kind: 'map', entries: all, span };
        sizes.set(map, size);
        return map;
      }
      for (const e of entries.values()) size += sizeOf(e.value);
      const map: YamlMap = { kind: 'map', entries, span };
      sizes.set(map, size);
      return map;
    }
    return undefined;
  };

  const scalarValue = (node: Scalar, span: YamlSpan): YamlScalar => {
    const text = String(node.value ?? '');
    const tagged = node.tag ? TAG_TYPES[node.tag] : undefined;
    if (node.tag && !tagged && node.tag !== '!') {
      problems.push({ severity: 'warning', message: `Unknown tag ${node.tag}: read as a string.`, span });
    }
    if (tagged && tagged !== 'string') {
      const resolved = resolvePlainScalar(text);
      if (resolved.type === tagged) return { kind: 'scalar', ...resolved, text, span };
      problems.push({ severity: 'error', message: `"${text}" is not a valid ${tagged}.`, span });
      return { kind: 'scalar', type: 'string', value: text, text, span };
    }
    if (tagged === 'string' || node.type !== Scalar.PLAIN || node.tag === '!') return { kind: 'scalar', type: 'string', value: text, text, span };
    return { kind: 'scalar', ...resolvePlainScalar(text), text, span };
  };

  try {
    return { root: convert(first.contents as YNode, 0), problems };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // Nesting deeper than the stack allows (only hostile files get there).
    problem('error', 'Values are nested too deeply to read.', 0, text.length);
    return { problems };
  }
}
