// Comparing plist documents field by field: the incremental parse must give what a full parse gives.
import assert from 'node:assert/strict';
import type { PlistDocument, PlistNode } from '../../server/src/plist/types';

/** Every node and entry in reading order with its fields, and whether its owner links back. */
function shape(doc: PlistDocument): unknown[] {
  const out: unknown[] = [];
  const work: PlistNode[] = doc.root ? [doc.root] : [];
  while (work.length) {
    const node = work.pop()!;
    const { kind, start, end, innerStart, innerEnd } = node;
    const value = node.kind === 'dict' || node.kind === 'array' ? undefined : typeof node.value === 'bigint' ? `${node.value}n` : node.value;
    out.push([kind, start, end, innerStart, innerEnd, 'text' in node ? node.text : undefined, value]);
    if (node.kind === 'dict') {
      for (const entry of node.entries) {
        out.push(['entry', entry.key, entry.start, entry.keyEnd, entry.keyInnerStart, entry.keyInnerEnd, entry.end, entry.dict === node]);
        if (entry.value) assert.equal(entry.value.owner, entry, 'a value is owned by its entry');
      }
      for (let k = node.entries.length - 1; k >= 0; k--) if (node.entries[k]!.value) work.push(node.entries[k]!.value!);
    } else if (node.kind === 'array') {
      for (const item of node.items) assert.equal(item.owner, node, 'an item is owned by its array');
      for (let k = node.items.length - 1; k >= 0; k--) work.push(node.items[k]!);
    }
  }
  return out;
}

export function assertSameDocument(actual: PlistDocument, expected: PlistDocument, context: string): void {
  assert.deepEqual(shape(actual), shape(expected), context);
  assert.deepEqual(actual.problems, expected.problems, context);
  assert.deepEqual(actual.comments, expected.comments, context);
  assert.deepEqual(actual.plistElement, expected.plistElement, context);
  assert.equal(actual.binary, expected.binary);
}

