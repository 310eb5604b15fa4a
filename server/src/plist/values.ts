// From the tree to plain values, and the small navigation helpers that rules and features share.
import type { PlistDict, PlistDocument, PlistEntry, PlistNode, PlistScalar } from './types';

export type PlistValue = string | number | bigint | boolean | Date | Buffer | PlistValue[] | { [key: string]: PlistValue };

function scalarValue(node: PlistScalar): PlistValue | undefined {
  switch (node.kind) {
    case 'date':
      return node.value === undefined ? undefined : new Date(node.value as string);
    case 'data':
      return node.value === undefined ? undefined : Buffer.from(node.value as string, 'base64');
    default:
      return node.value as PlistValue | undefined;
  }
}

/** The plain value of a node (a later duplicate key wins, as in CFPropertyList); iterative. */
export function toValue(root: PlistNode | undefined): PlistValue | undefined {
  if (!root) return undefined;
  const containerOf = (node: PlistNode): PlistValue | undefined =>
    node.kind === 'dict' ? {} : node.kind === 'array' ? [] : scalarValue(node);
  const result = containerOf(root);
  const stack: [PlistNode, PlistValue][] = [[root, result!]];
  while (stack.length) {
    const [node, out] = stack.pop()!;
    if (node.kind === 'dict') {
      for (const e of node.entries) {
        if (!e.value) continue;
        const v = containerOf(e.value);
        if (v === undefined) continue;
        // defineProperty: a key named `__proto__` is data, never the object's prototype.
        Object.defineProperty(out, e.key, { value: v, enumerable: true, writable: true, configurable: true });
        if (e.value.kind === 'dict' || e.value.kind === 'array') stack.push([e.value, v]);
      }
    } else if (node.kind === 'array') {
      for (const item of node.items) {
        const v = containerOf(item);
        if (v === undefined) continue;
        (out as PlistValue[]).push(v);
        if (item.kind === 'dict' || item.kind === 'array') stack.push([item, v]);
      }
    }
  }
  return result;
}

export const isDict = (n: PlistNode | undefined): n is PlistDict => n?.kind === 'dict';
export const isArray = (n: PlistNode | undefined): n is Extract<PlistNode, { kind: 'array' }> => n?.kind === 'array';
export const isString = (n: PlistNode | undefined): n is PlistScalar => n?.kind === 'string';
export const isInteger = (n: PlistNode | undefined): n is PlistScalar => n?.kind === 'integer';
export const isBoolean = (n: PlistNode | undefined): n is PlistScalar => n?.kind === 'true' || n?.kind === 'false';

/** The last entry with this key (the one CFPropertyList keeps). */
export function getEntry(dict: PlistDict | undefined, key: string): PlistEntry | undefined {
  if (!dict) return undefined;
  for (let i = dict.entries.length - 1; i >= 0; i--) if (dict.entries[i]!.key === key) return dict.entries[i];
  return undefined;
}

export function getValue(dict: PlistDict | undefined, key: string): PlistNode | undefined {
  return getEntry(dict, key)?.value;
}

/** The root dict of a document, if the root is a dict. */
export function rootDict(doc: PlistDocument): PlistDict | undefined {
  return isDict(doc.root) ? doc.root : undefined;
}

/** Keys and indexes from the root to a node. */
export function pathOf(node: PlistNode): (string | number)[] {
  const path: (string | number)[] = [];
  let cur: PlistNode | undefined = node;
  while (cur?.parent) {
    if (cur.entry) path.push(cur.entry.key);
    else if (cur.parent.kind === 'array') path.push(cur.parent.items.indexOf(cur));
    cur = cur.parent;
  }
  return path.reverse();
}

export interface NodeAtResult {
  /** The innermost node whose span holds the offset. */
  node?: PlistNode;
  /** The dict entry whose key or value holds the offset. */
  entry?: PlistEntry;
  /** True when the offset is inside the entry's `<key>` element. */
  inKey: boolean;
  /** The innermost dict holding the offset (for completion of keys). */
  dict?: PlistDict;
  path: (string | number)[];
}

/** What is at an offset, for hover and completion (binary search down the tree, no recursion). */
export function nodeAt(doc: PlistDocument, offset: number): NodeAtResult {
  const result: NodeAtResult = { inKey: false, path: [] };
  let node = doc.root;
  const inside = (s: { start: number; end: number }) => s.start <= offset && offset <= s.end;
  while (node && inside(node)) {
    result.node = node;
    if (node.kind === 'dict') {
      result.dict = node;
      const entry = node.entries.find((e) => inside(e.keySpan) || (e.value && inside(e.value)));
      if (!entry) break;
      result.entry = entry;
      result.path.push(entry.key);
      if (inside(entry.keySpan)) {
        result.inKey = true;
        break;
      }
      node = entry.value;
    } else if (node.kind === 'array') {
      const index = node.items.findIndex((item) => inside(item));
      if (index < 0) break;
      result.path.push(index);
      result.entry = undefined;
      node = node.items[index];
    } else break;
  }
  return result;
}
