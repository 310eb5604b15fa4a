// The tree's node and entry objects: classes whose fields are all assigned in the constructor, so
// every node of a kind shares one hidden class (property reads in rules stay fast), and a node is
// one allocation (spans are numbers; `inner`/`keySpan`/`keyInner` are made on demand). A 10 MB
// Info.plist holds hundreds of thousands of them and Node.js has no pointer compression (8 bytes
// a field), so each field left out is garbage-collection time saved (bench/README.md). The three
// node classes repeat their common fields and accessors on purpose: a shared base class (a
// `super()` call per node) made the 1 MB parse 8% slower (142 → 131 MB/s, ten alternating runs).
import type { PlistArray, PlistDict, PlistEntry, PlistNode, PlistScalar, Span } from './types';

type Container = PlistDict | PlistArray;

// A node's owner is its dict entry, or the container that holds it without one (an array item, a
// value without a key): one field where `parent` and `entry` would take two.
const isEntry = (owner: Container | PlistEntry | undefined): owner is PlistEntry => owner instanceof Entry;
const parentOf = (owner: Container | PlistEntry | undefined): Container | undefined => (isEntry(owner) ? owner.dict : owner);
const entryOf = (owner: Container | PlistEntry | undefined): PlistEntry | undefined => (isEntry(owner) ? owner : undefined);

class Scalar {
  kind: PlistScalar['kind'];
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
  text: string;
  value: PlistScalar['value'];
  owner: Container | PlistEntry | undefined;
  constructor(kind: PlistScalar['kind'], start: number, end: number, innerStart: number, innerEnd: number, text: string, value: PlistScalar['value']) {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.innerStart = innerStart;
    this.innerEnd = innerEnd;
    this.text = text;
    this.value = value;
    this.owner = undefined;
  }
  get inner(): Span {
    return { start: this.innerStart, end: this.innerEnd };
  }
  get parent(): Container | undefined {
    return parentOf(this.owner);
  }
  get entry(): PlistEntry | undefined {
    return entryOf(this.owner);
  }
}

class Dict {
  kind: 'dict';
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
  entries: PlistEntry[];
  owner: Container | PlistEntry | undefined;
  constructor(start: number, end: number, innerStart: number, innerEnd: number) {
    this.kind = 'dict';
    this.start = start;
    this.end = end;
    this.innerStart = innerStart;
    this.innerEnd = innerEnd;
    this.entries = [];
    this.owner = undefined;
  }
  get inner(): Span {
    return { start: this.innerStart, end: this.innerEnd };
  }
  get parent(): Container | undefined {
    return parentOf(this.owner);
  }
  get entry(): PlistEntry | undefined {
    return entryOf(this.owner);
  }
}

class List {
  kind: 'array';
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
  items: PlistNode[];
  owner: Container | PlistEntry | undefined;
  constructor(start: number, end: number, innerStart: number, innerEnd: number) {
    this.kind = 'array';
    this.start = start;
    this.end = end;
    this.innerStart = innerStart;
    this.innerEnd = innerEnd;
    this.items = [];
    this.owner = undefined;
  }
  get inner(): Span {
    return { start: this.innerStart, end: this.innerEnd };
  }
  get parent(): Container | undefined {
    return parentOf(this.owner);
  }
  get entry(): PlistEntry | undefined {
    return entryOf(this.owner);
  }
}

class Entry {
  key: string;
  start: number;
  keyEnd: number;
  keyInnerStart: number;
  keyInnerEnd: number;
  value: PlistNode | undefined;
  dict: PlistDict;
  constructor(key: string, start: number, keyEnd: number, keyInnerStart: number, keyInnerEnd: number, dict: PlistDict) {
    this.key = key;
    this.start = start;
    this.keyEnd = keyEnd;
    this.keyInnerStart = keyInnerStart;
    this.keyInnerEnd = keyInnerEnd;
    this.value = undefined;
    this.dict = dict;
  }
  /** The end of the value, or of the key when it has none (half-typed). */
  get end(): number {
    return this.value ? this.value.end : this.keyEnd;
  }
  get keySpan(): Span {
    return { start: this.start, end: this.keyEnd };
  }
  get keyInner(): Span {
    return { start: this.keyInnerStart, end: this.keyInnerEnd };
  }
}

export function dictNode(start: number, end: number, innerStart: number, innerEnd: number): PlistDict {
  return new Dict(start, end, innerStart, innerEnd);
}

export function arrayNode(start: number, end: number, innerStart: number, innerEnd: number): PlistArray {
  return new List(start, end, innerStart, innerEnd);
}

export function scalarNode(kind: PlistScalar['kind'], start: number, end: number, innerStart: number, innerEnd: number, text: string, value: PlistScalar['value']): PlistScalar {
  return new Scalar(kind, start, end, innerStart, innerEnd, text, value);
}

/** A dict entry for `<key>` spanning [start, keyEnd), its text at [keyInnerStart, keyInnerEnd). */
export function dictEntry(key: string, start: number, keyEnd: number, keyInnerStart: number, keyInnerEnd: number, dict: PlistDict): PlistEntry {
  return new Entry(key, start, keyEnd, keyInnerStart, keyInnerEnd, dict);
}
