import { PLIST_KINDS } from '../../workspace/files';
import type { Rule } from '../types';
import { reportParserProblems } from './problems';

export const binaryPlist: Rule = {
  meta: {
    id: 'binary-plist',
    defaultSeverity: 'information',
    appliesTo: PLIST_KINDS,
    // Reads the parser's problems only: kept while an edit leaves them.
    reads: [],
    readsProblems: true,
    fixable: false,
    sources: [
      { ref: "https://developer.apple.com/documentation/corefoundation/cfpropertylist (binary and XML property lists)", primary: true },
    ],
    docs: {
      summary: 'A binary (`bplist00`) plist: decoded and checked read-only.',
      what:
        'Notes that the file is a binary property list. It is decoded and every other check runs on its values, but diagnostics cannot point inside it, so they all sit on the first line.',
      why:
        'Binary plists appear in built products and in files converted by tools. They cannot be edited as text, so a fix has to be made in the source (XML) file or after converting this one.',
      example: '`plutil -convert binary1 Info.plist` produces one.',
      fix: 'To edit it, convert it to XML: `plutil -convert xml1 Info.plist`.',
    },
  },
  check: (context) => reportParserProblems(context, 'binary-plist'),
};
