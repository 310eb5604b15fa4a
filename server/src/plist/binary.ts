// Binary plists (`bplist00`), decoded read-only with the `plist` package's parseBinary into the
// same tree as XML plists. They have no text, so every span is 0 and diagnostics sit on line 1.
import { parseBinary } from 'plist';
import { arrayNode, dictEntry, dictNode, scalarNode } from './nodes';
import type { PlistArray, PlistDict, PlistDocument, PlistNode, PlistScalar } from './types';

function scalar(kind: PlistScalar['kind'], text: string, value: PlistScalar['value']): PlistScalar {
  return scalarNode(kind, 0, 0, 0, 0, text, value);
}

/** Converts decoded values to tree nodes, iteratively. */
function toNode(value: unknown): PlistNode {
  const make = (v: unknown): { node: PlistNode; children?: [unknown, PlistDict | PlistArray, string | undefined][] } => {
    if (Array.isArray(v)) {
      const node: PlistArray = arrayNode(0, 0, 0, 0);
      return { node, children: v.map((x) => [x, node, undefined]) };
    }
    if (v instanceof Date) {
      const iso = Number.isNaN(v.getTime()) ? '' : v.toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { node: scalar('date', iso, iso) };
    }
    if (v instanceof Uint8Array) {
      const b64 = Buffer.from(v).toString('base64');
      return { node: scalar('data', b64, b64) };
    }
    if (v && typeof v === 'object') {
      const node: PlistDict = dictNode(0, 0, 0, 0);
      return { node, children: Object.entries(v as Record<string, unknown>).map(([k, x]) => [x, node, k]) };
    }
    if (typeof v === 'boolean') return { node: scalar(v ? 'true' : 'false', '', v) };
    if (typeof v === 'bigint') return { node: scalar('integer', v.toString(), v) };
    if (typeof v === 'number') return { node: scalar(Number.isInteger(v) ? 'integer' : 'real', String(v), v) };
    return { node: scalar('string', String(v ?? ''), String(v ?? '')) };
  };
  const root = make(value);
  const stack = root.children ? [...root.children].reverse() : [];
  while (stack.length) {
    const [v, parent, key] = stack.pop()!;
    const made = make(v);
    if (parent.kind === 'array') {
      made.node.owner = parent;
      parent.items.push(made.node);
    } else {
      const entry = dictEntry(key!, 0, 0, 0, 0, parent);
      entry.value = made.node;
      made.node.owner = entry;
      parent.entries.push(entry);
    }
    if (made.children) for (let i = made.children.length - 1; i >= 0; i--) stack.push(made.children[i]!);
  }
  return root.node;
}

export function parseBinaryPlistBytes(bytes: Uint8Array): PlistDocument {
  const doc: PlistDocument = { comments: [], problems: [], binary: true };
  try {
    const value = parseBinary(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as unknown;
    doc.root = toNode(Array.isArray(value) && value.length === 1 ? value[0] : value);
    doc.problems.push({ code: 'binary-plist', start: 0, end: 0, message: 'Binary plist (bplist00): decoded and checked read-only. Convert it to XML to edit it: plutil -convert xml1 <file>.' });
  } catch (error) {
    doc.problems.push({ code: 'plist-syntax', start: 0, end: 0, message: `Cannot decode binary plist: ${error instanceof Error ? error.message : String(error)}.` });
  }
  return doc;
}
