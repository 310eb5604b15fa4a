import { PLIST_KINDS } from '../../workspace/files';
import type { Rule } from '../types';
import { reportParserProblems } from './problems';

export const plistValue: Rule = {
  meta: {
    id: 'plist-value',
    defaultSeverity: 'error',
    appliesTo: PLIST_KINDS,
    // Reads the parser's problems only: kept while an edit leaves them.
    reads: [],
    readsProblems: true,
    fixable: false,
    sources: [
      { ref: "http://www.apple.com/DTDs/PropertyList-1.0.dtd (Apple property list DTD)", primary: true },
    ],
    docs: {
      summary: 'A value that does not parse as its type.',
      what:
        'Reports an `<integer>` that is not a decimal or `0x` hex integer, a `<real>` that is not a number, a `<date>` that is not ISO 8601 (`2024-01-31T12:00:00Z`), or `<data>` that is not base64. Hex integers such as `<integer>0x781</integer>` are valid: Apple’s parser reads them.',
      why:
        'CFPropertyList rejects the whole file (or reads the value as 0) when one value does not parse: an `idVendor` written `<integer>12a</integer>` makes the personality match nothing, silently.',
      example: '```xml\n<key>idVendor</key>\n<integer>0x05ac,</integer>\n```',
      fix: 'Write the value in its type’s syntax: `<integer>1452</integer>` or `<integer>0x5ac</integer>`.',
      examples: {
        invalid: [{ files: { 'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>idVendor</key>\n\t<integer>0x05ac,</integer>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>idVendor</key>\n\t<integer>0x05ac</integer>\n</dict>\n</plist>\n' } }],
      },
    },
  },
  check: (context) => reportParserProblems(context, 'plist-value'),
};
