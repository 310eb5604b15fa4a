import { cppScanOf } from '../../dext/queues';
import { iigScanOf } from '../../workspace/classes';
import type { Rule } from '../types';
import { RESOURCES_DEXT_INFO_PLIST, START_ONLY_IIG } from '../example-projects';

export const iigSyntax: Rule = {
  meta: {
    id: 'iig-syntax',
    defaultSeverity: 'error',
    appliesTo: ['iig', 'cpp'],
    fixable: false,
    sources: [
      { ref: 'ISO/IEC 14882 (C++): [lex.comment], [lex.string], [class.mem]: an unterminated comment or literal, or an unbalanced class body, does not compile', primary: true },
      { ref: 'https://developer.apple.com/documentation/driverkit/creating-a-driver-using-the-driverkit-sdk (.iig files are compiled by iig, then as C++)', primary: true },
    ],
    docs: {
      summary: 'A class declaration or body the lint cannot read: unbalanced braces or parentheses, an unterminated comment or literal.',
      what: 'Reports an unterminated `/* … */` comment, string or character literal, a class body whose `}` is missing, or a declaration whose parentheses do not balance, in `.iig`, `.cpp` and `.h` files of a dext.',
      why: 'The IOKit Interface Generator (iig) stops at the first such error, often with a message far from the cause; and every other check of this file is blind past that point.',
      example: '```cpp\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider override;\n};\n```',
      fix: 'Close the comment, literal, parenthesis or brace the message points at.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider override;\n};\n',
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
            reports: 2,
          },
        ],
        valid: [
          {
            files: {
              'Driver/MyDriver.iig': START_ONLY_IIG,
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
      },
    },
  },
  check({ file, report }) {
    const problems = file.nameKind === 'iig' ? iigScanOf(file).problems : cppScanOf(file).problems;
    for (const p of problems) report({ start: p.start, end: p.end, message: p.message });
  },
};
