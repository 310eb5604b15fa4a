import { activeVerdicts, verdictSentence } from '../../matching';
import type { Rule } from '../types';
import { verdictSpan } from './shared';

export const personalityMatches: Rule = {
  meta: {
    id: 'personality-matches',
    defaultSeverity: 'information',
    appliesTo: ['dext-info-plist'],
    fixable: false,
    sources: [
      { ref: 'https://developer.apple.com/library/archive/qa/qa1076/_index.html (USB matching rows and probe scores)', primary: true },
      { ref: 'apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIBridge.cpp:4490-4621 (PCI match keys, IOPCITunnelCompatible)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp (passive matching: IOProviderClass, IONameMatch, IOPropertyMatch, IOResourceMatch)', primary: true },
    ],
    docs: {
      summary: 'Which entry of the loaded I/O Registry dump a personality matches (row, probe score), or why it cannot be decided.',
      what: 'Runs only when a registry dump is loaded (see `personality-no-match`). For each personality that matches, names the entry (as `ioreg` prints its path), the USB row it matches through and its probe score (IOProbeScore less 1000 per `*` wildcard), and the driver already attached to that entry, if the dump shows one (a built-in class driver such as `AppleUSBACMControl` claims a standard interface first). When a value is a build variable the project does not resolve, or the dump lacks what a key compares (a `system_profiler` dump has no interfaces), says the match cannot be decided instead of guessing.',
      why: 'Seeing which device and row a personality matches tells whether the dext will be offered the device, and whether a system driver competes for it.',
      example: '```xml\n<key>idVendor</key>\n<integer>11914</integer>\n<key>idProduct</key>\n<integer>22337</integer>\n<key>bInterfaceNumber</key>\n<integer>2</integer>\n<key>bConfigurationValue</key>\n<integer>1</integer>\n```',
      fix: 'Nothing to fix: information. When a system driver already holds the entry, give the personality the more specific row, or an `IOMatchCategory` of its own if both drivers are meant to use the device.',
    },
  },
  check({ file, workspace, report }) {
    for (const { dump, verdicts } of activeVerdicts(workspace, file)) {
      for (const v of verdicts) {
        if (v.verdict.status === 'no-match') continue;
        const { start, end } = verdictSpan(v);
        report({ start, end, message: `Personality '${v.verdict.personality}' ${verdictSentence(v)} (dump: ${dump.source})` });
      }
    }
  },
};
