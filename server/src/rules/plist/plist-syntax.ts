import { PLIST_KINDS } from '../../workspace/files';
import type { Rule } from '../types';
import { reportParserProblems } from './problems';

export const plistSyntax: Rule = {
  meta: {
    id: 'plist-syntax',
    defaultSeverity: 'error',
    appliesTo: PLIST_KINDS,
    // Reads the parser's problems only: kept while an edit leaves them.
    reads: [],
    readsProblems: true,
    fixable: true,
    sources: [
      { ref: "http://www.apple.com/DTDs/PropertyList-1.0.dtd (Apple property list DTD)", primary: true },
    ],
    docs: {
      summary: 'Malformed XML or plist structure.',
      what:
        'Reports XML and plist structure errors: an unclosed or mismatched tag, text outside elements, a `<dict>` child that is not a `<key>` followed by a value, an unknown element, a bare `&`, an unknown entity, a DOCTYPE internal subset. Parsing recovers and goes on, so later problems still show while you type.',
      why:
        'Xcode copies a malformed Info.plist or entitlements file into the product without complaint, or fails the build with a one-line error far from the cause. A dext whose Info.plist does not parse never matches; an entitlements file that does not parse is signed without its entitlements. Entities are never expanded or fetched: a DOCTYPE with an internal subset is reported, not obeyed.',
      example: '```xml\n<key>IOClass</key>\n<string>IOUserService</strin>\n<key>Name</key><string>Tom & Jerry</string>\n```',
      fix: 'Close or rename the tag, escape `&` as `&amp;` (`<` as `&lt;`). Quick fixes: `&` → `&amp;`; insert the missing close tag.',
      examples: {
        invalid: [{ files: { 'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>Name</key>\n\t<string>Tom & Jerry</string>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>Name</key>\n\t<string>Tom &amp; Jerry</string>\n</dict>\n</plist>\n' } }],
      },
    },
  },
  check: (context) => reportParserProblems(context, 'plist-syntax'),
};
