import type { Rule } from '../types';
import { MATCHING_SOURCES, reportVerdicts } from './shared';

export const personalityMatches: Rule = {
  meta: {
    id: 'personality-matches',
    defaultSeverity: 'information',
    appliesTo: ['dext-info-plist'],
    fixable: false,
    sources: MATCHING_SOURCES,
    docs: {
      summary: 'Which entry of the loaded I/O Registry dump a personality matches (row, probe score), or why it cannot be decided.',
      what: 'Runs only when a registry dump is loaded (see `personality-no-match`). For each personality that matches, names the entry (as `ioreg` prints its path), the USB row it matches through and its probe score (the row\'s score, 50000 to 100000, plus `IOProbeScore` clamped to 9000, less 1000 per `*` among the row\'s keys and 500 when `idProductMask` was needed; elsewhere `IOProbeScore`), and the driver already attached to that entry, if the dump shows one (a built-in class driver such as `AppleUSBACMControl` claims a standard interface first). When a value is a build variable the project does not resolve, or the dump lacks what a key compares (a `system_profiler` dump has no interfaces), says the match cannot be decided instead of guessing.',
      why: 'Seeing which device and row a personality matches tells whether the dext will be offered the device, and whether a system driver competes for it.',
      example: '```xml\n<key>idVendor</key>\n<integer>11914</integer>\n<key>idProduct</key>\n<integer>22337</integer>\n<key>bInterfaceNumber</key>\n<integer>2</integer>\n<key>bConfigurationValue</key>\n<integer>1</integer>\n```',
      fix: 'Nothing to fix: information. When a system driver already holds the entry, give the personality the more specific row, or an `IOMatchCategory` of its own if both drivers are meant to use the device.',
    },
  },
  check: (context) => reportVerdicts(context, (v) => v.verdict.status !== 'no-match'),
};
