// Plist text for values the product inserts (personality templates, development configurations,
// fixes that insert dicts and arrays), serialized by the `plist` package, so that element choice
// and escaping are a maintained serializer's, not string concatenation. Reading stays with our
// positional parser; the edit helpers (edits.ts) re-indent the fragment to the file's own style.
import { build, type PlistValue } from 'plist';

export type { PlistValue };

const OPEN = '<plist version="1.0">\n';
const CLOSE = '\n</plist>';

/** The XML of one value, nested lines indented with tabs from column 0 (as `indentFragment` expects). */
export function plistFragment(value: PlistValue): string {
  const document = build(value, { pretty: true, indent: '\t', newline: '\n' });
  const body = document.slice(document.indexOf(OPEN) + OPEN.length, document.lastIndexOf(CLOSE));
  // The value sits one level inside <plist>: take that level off every line.
  return body
    .split('\n')
    .map((line) => (line.startsWith('\t') ? line.slice(1) : line))
    .join('\n');
}
