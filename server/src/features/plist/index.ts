// Features of every plist: folding for each dict, array and multi-line comment, and an outline of
// the keys. Areas with richer outlines (personalities) add their own symbols for their kinds.
import { forEachNode } from '../../plist/walk';
import type { DocumentSymbol, FeatureContribution, FoldingRange } from '../types';
import type { PlistNode } from '../../plist/types';

const MAX_OUTLINE_NODES = 20000;
/** Deeper levels add nothing to an outline, and clients render symbol trees recursively. */
const MAX_OUTLINE_DEPTH = 32;

function symbolKind(node: PlistNode | undefined): DocumentSymbol['kind'] {
  switch (node?.kind) {
    case 'dict':
      return 'object';
    case 'array':
      return 'array';
    case 'integer':
    case 'real':
      return 'number';
    case 'true':
    case 'false':
      return 'boolean';
    default:
      return 'string';
  }
}

export const plistFeatures: FeatureContribution = {
  name: 'plist',
  appliesTo: ['dext-entitlements', 'app-entitlements', 'dext-info-plist', 'plist'],

  foldingRanges({ file }) {
    const doc = file.plist;
    if (doc.binary) return [];
    const out: FoldingRange[] = [];
    forEachNode(doc, (node) => {
      if (node.kind === 'dict' || node.kind === 'array') out.push({ start: node.start, end: node.end });
    });
    for (const c of doc.comments) out.push({ start: c.start, end: c.end, kind: 'comment' });
    return out;
  },

  documentSymbols({ file, workspace }) {
    const doc = file.plist;
    // Personalities have their own outline.
    if (doc.binary || !doc.root || workspace.kindOf(file) === 'dext-info-plist') return [];
    let budget = MAX_OUTLINE_NODES;
    const roots: DocumentSymbol[] = [];
    // Iterative: (node, the children list its symbols go into).
    const stack: { node: PlistNode; into: DocumentSymbol[]; depth: number }[] = [{ node: doc.root, into: roots, depth: 0 }];
    while (stack.length && budget > 0) {
      const { node, into, depth } = stack.pop()!;
      const children: { name: string; node: PlistNode | undefined; start: number; end: number; selStart: number; selEnd: number }[] = [];
      if (node.kind === 'dict') {
        for (const e of node.entries) children.push({ name: e.key, node: e.value, start: e.start, end: e.end, selStart: e.keySpan.start, selEnd: e.keySpan.end });
      } else if (node.kind === 'array') {
        node.items.forEach((item, i) => children.push({ name: String(i), node: item, start: item.start, end: item.end, selStart: item.start, selEnd: item.end }));
      }
      for (const c of children) {
        if (--budget <= 0) break;
        const symbol: DocumentSymbol = {
          name: c.name || '(empty key)',
          kind: symbolKind(c.node),
          start: c.start,
          end: c.end,
          selectionStart: c.selStart,
          selectionEnd: c.selEnd,
        };
        if (c.node && c.node.kind !== 'dict' && c.node.kind !== 'array') symbol.detail = c.node.text.length > 60 ? c.node.text.slice(0, 57) + '…' : c.node.text;
        into.push(symbol);
        if (c.node && (c.node.kind === 'dict' || c.node.kind === 'array') && depth < MAX_OUTLINE_DEPTH) {
          symbol.children = [];
          stack.push({ node: c.node, into: symbol.children, depth: depth + 1 });
        }
      }
    }
    return roots;
  },
};
