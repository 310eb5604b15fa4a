// The outline of a dext Info.plist: its top-level keys, and under IOKitPersonalities each
// personality by name with its provider, kernel class and dext class, and the keys it holds.
import type { PlistEntry, PlistNode } from '../../plist/types';
import { infoRoot, stringOf } from '../../dext/personalities';
import type { DocumentSymbol, FeatureContext } from '../types';

const MAX_DETAIL = 60;

function scalarDetail(node: PlistNode | undefined): string | undefined {
  if (!node || node.kind === 'dict' || node.kind === 'array') return undefined;
  return node.text.length > MAX_DETAIL ? `${node.text.slice(0, MAX_DETAIL - 1)}…` : node.text;
}

function kindOf(node: PlistNode | undefined): DocumentSymbol['kind'] {
  if (node?.kind === 'dict') return 'object';
  if (node?.kind === 'array') return 'array';
  if (node?.kind === 'integer' || node?.kind === 'real') return 'number';
  if (node?.kind === 'true' || node?.kind === 'false') return 'boolean';
  return 'string';
}

/** One entry as a symbol; `children` only for the levels the outline shows. */
function entrySymbol(entry: PlistEntry, detail = scalarDetail(entry.value), children?: DocumentSymbol[]): DocumentSymbol {
  return { name: entry.key || '(empty key)', detail, kind: kindOf(entry.value), start: entry.start, end: entry.end, selectionStart: entry.keySpan.start, selectionEnd: entry.keySpan.end, ...(children ? { children } : {}) };
}

function personalitySymbol(entry: PlistEntry): DocumentSymbol {
  const dict = entry.value;
  if (dict?.kind !== 'dict') return entrySymbol(entry);
  const detail = ['IOProviderClass', 'IOClass', 'IOUserClass'].map((k) => stringOf(dict, k)).filter(Boolean).join(' · ');
  const keys = dict.entries.map((e) => entrySymbol(e, scalarDetail(e.value), e.value?.kind === 'dict' ? e.value.entries.map((n) => entrySymbol(n)) : undefined));
  return { ...entrySymbol(entry, detail, keys), kind: 'class' };
}

export function personalityOutline({ file }: FeatureContext): DocumentSymbol[] {
  const root = infoRoot(file);
  if (!root || file.plist.binary) return [];
  return root.entries.map((entry) =>
    entry.key === 'IOKitPersonalities' && entry.value?.kind === 'dict'
      ? { ...entrySymbol(entry, `${entry.value.entries.length} personalities`, entry.value.entries.map(personalitySymbol)), kind: 'module' as const }
      : entrySymbol(entry),
  );
}
