import type { Rule } from '../types';
import { MATCHING_SOURCES, reportVerdicts } from './shared';

export const personalityNoMatch: Rule = {
  meta: {
    id: 'personality-no-match',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    fixable: false,
    sources: MATCHING_SOURCES,
    docs: {
      summary: 'A personality matches no entry of the loaded I/O Registry dump.',
      what: 'Runs only when a registry dump is loaded (**DEXT: Check Matching Against a Registry Dump…**, **DEXT: Check Matching Against This Mac**, the `dext.matching.dumps` setting or `dextlint match`). Matches each personality the way IOKit\'s passive matching does (IOProviderClass with its superclasses; USB rows of Apple QA1076 with `*`, `idProductMask`, `idProductArray`; `IOPCIMatch`/`IOPCIPrimaryMatch`/`IOPCISecondaryMatch`/`IOPCIClassMatch` against the config-space registers; `IOPCITunnelCompatible`; `IONameMatch`; `IOPropertyMatch`; `IOResourceMatch`; HID usage keys) and reports a personality that matches nothing, naming the closest entry and every key that differs. The report sits on the first differing key.',
      why: 'The kernel matches silently: a personality that matches nothing gives no log line, the dext simply never loads. "My dext never loads" is the most common DriverKit question.',
      example: '```xml\n<key>idProduct</key>\n<integer>0x5740</integer>  <!-- the board in the dump is 0x5741 -->\n```',
      fix: 'Change the key the message names to the value the device has (or widen it with `idProductMask`/`idProductArray`, a PCI mask), or check that the dump was taken with the device attached. Values that are build variables the project does not resolve are never reported as mismatches.',
    },
  },
  check: (context) => reportVerdicts(context, (v) => v.verdict.status === 'no-match'),
};
