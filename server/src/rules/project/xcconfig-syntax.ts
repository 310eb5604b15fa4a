import { xcconfigOf } from '../../workspace/model';
import type { Rule } from '../types';

export const xcconfigSyntax: Rule = {
  meta: {
    id: 'xcconfig-syntax',
    defaultSeverity: 'warning',
    appliesTo: ['xcconfig'],
    fixable: false,
    sources: [
      { ref: 'https://developer.apple.com/documentation/xcode/adding-a-build-configuration-file-to-your-project', primary: true },
    ],
    docs: {
      summary: 'A line of an `.xcconfig` that is neither a setting, an `#include` nor a comment.',
      what: 'Reports a line that is not `NAME = value`, `NAME[condition=value] = value`, `#include "path"`, `#include? "path"` or a `//` comment: a name that does not start with a letter or `_`, a missing `=`, an unclosed `[`, an include path without quotes.',
      why: 'Xcode does not apply a line it cannot read: the setting you meant is simply not set, and nothing tells you at build time which line was skipped.',
      example: '```\nPRODUCT_BUNDLE_IDENTIFIER com.example.driver\n```',
      fix: 'Write the line as `NAME = value` (conditions in brackets after the name, `#include` paths between double quotes).',
      examples: {
        invalid: [{ files: { 'Driver/Driver.xcconfig': 'PRODUCT_BUNDLE_IDENTIFIER com.example.driver\n' } }],
        valid: [{ files: { 'Driver/Driver.xcconfig': 'PRODUCT_BUNDLE_IDENTIFIER = com.example.driver\n' } }],
      },
    },
  },
  check({ file, report }) {
    for (const e of xcconfigOf(file).errors) report({ start: e.start, end: e.end, message: e.message });
  },
};
