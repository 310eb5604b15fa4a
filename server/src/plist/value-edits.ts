// Edits inside plist containers that several areas need: append an item to an array, replace a
// value with a multi-line fragment at the value's own indentation. Like plist-edits.ts, they never
// re-serialise: everything outside the edit stays byte for byte.
import type { PlistArray, PlistNode } from './types';
import type { OffsetEdit } from '../types';
import { indentAt, indentFragment, layoutOf, type PlistTextFile } from './edits';

/**
 * Replaces a node by `xml` (written with 4-space indentation for nested lines), re-indented to the
 * line the node starts on.
 */
export function replaceWithFragmentEdit(file: PlistTextFile, node: PlistNode, xml: string): OffsetEdit {
  const indent = indentAt(file, node.start);
  const { unit, newline } = layoutOf(file);
  return { start: node.start, end: node.end, newText: indentFragment(xml, indent, newline, unit) };
}

/** Appends `xml` as the last item of `array`, at the indentation its items (or the file) use. */
export function appendArrayItemEdit(file: PlistTextFile, array: PlistArray, xml: string): OffsetEdit {
  const text = file.document;
  const { unit, newline } = layoutOf(file);
  const arrayIndent = indentAt(file, array.start);
  const first = array.items[0];
  const itemIndent = first ? indentAt(file, first.start) : arrayIndent + unit;
  const item = indentFragment(xml, itemIndent, newline, unit);
  const last = array.items[array.items.length - 1];
  if (last) return { start: last.end, end: last.end, newText: `${newline}${itemIndent}${item}` };
  if (text.slice(array.start, array.end).endsWith('/>')) {
    return { start: array.start, end: array.end, newText: `<array>${newline}${itemIndent}${item}${newline}${arrayIndent}</array>` };
  }
  return { start: array.inner.start, end: array.inner.end, newText: `${newline}${itemIndent}${item}${newline}${arrayIndent}` };
}
