// Iterative walks over a plist tree (no recursion: documents may nest 100,000 deep).
import type { PlistDict, PlistDocument, PlistNode } from './types';

/** Calls `visit` for every node, parents before children. */
export function forEachNode(doc: PlistDocument, visit: (node: PlistNode) => void): void {
  if (doc.root) forEachNodeIn(doc.root, visit);
}

/** Calls `visit` for every node of the subtree at `top`, parents before children. */
export function forEachNodeIn(top: PlistNode, visit: (node: PlistNode) => void): void {
  const stack: PlistNode[] = [top];
  while (stack.length) {
    const node = stack.pop()!;
    visit(node);
    if (node.kind === 'dict') {
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const v = node.entries[i]!.value;
        if (v) stack.push(v);
      }
    } else if (node.kind === 'array') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!);
    }
  }
}

export function forEachDict(doc: PlistDocument, visit: (dict: PlistDict) => void): void {
  if (doc.root) forEachDictIn(doc.root, visit);
}

/** Calls `visit` for every dict of the subtree at `top`, parents before children. */
export function forEachDictIn(top: PlistNode, visit: (dict: PlistDict) => void): void {
  forEachNodeIn(top, (node) => {
    if (node.kind === 'dict') visit(node);
  });
}
