import { PLIST_KINDS } from '../../workspace/files';
import type { Rule } from '../types';
import { removeEntryEdit } from '../../plist/edits';
import { dictRule } from '../parts';

export const duplicateKey: Rule = dictRule({
  meta: {
    id: 'duplicate-key',
    defaultSeverity: 'error',
    appliesTo: PLIST_KINDS,
    fixable: true,
    sources: [
      { ref: "http://www.apple.com/DTDs/PropertyList-1.0.dtd (Apple property list DTD)", primary: true },
      { ref: "https://developer.apple.com/documentation/corefoundation/cfpropertylist", primary: true },
    ],
    docs: {
      summary: 'The same key twice in one `<dict>`.',
      what: 'Reports a key that appears more than once in the same dictionary.',
      why:
        'CFPropertyList keeps only the last value and drops the others without a word: the entry you are looking at may not be the one the system reads (an `idVendor` edited in the first copy changes nothing).',
      example: '```xml\n<key>idVendor</key>\n<integer>1452</integer>\n<key>idVendor</key>\n<integer>1356</integer>\n```',
      fix: 'Keep one entry. The quick fix removes the earlier entry, which is the one the system ignores.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>idVendor</key>\n\t<integer>1452</integer>\n\t<key>idVendor</key>\n\t<integer>1356</integer>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [{ files: { 'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>idVendor</key>\n\t<integer>1356</integer>\n</dict>\n</plist>\n' } }],
      },
    },
  },
  check(dict, context) {
    const { file } = context;
    const last = new Map<string, number>();
    dict.entries.forEach((e, i) => last.set(e.key, i));
    dict.entries.forEach((entry, i) => {
      const winner = last.get(entry.key)!;
      if (winner === i) return;
      const later = dict.entries[winner]!;
      context.report({
        start: entry.keySpan.start,
        end: entry.keySpan.end,
        message: `Duplicate key '${entry.key}': only the last one (line ${file.document.positionAt(later.keySpan.start).line + 1}) is read, this entry is ignored. Remove one of them.`,
        fixes: [{ title: `Remove this '${entry.key}' entry (the one that is ignored)`, edits: [removeEntryEdit(file.document, entry)], isPreferred: true }],
        related: [{ uri: file.uri, start: later.keySpan.start, end: later.keySpan.end, message: 'the entry that is read' }],
        tags: ['unnecessary'],
      });
    });
  },
});
