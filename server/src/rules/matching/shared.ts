// Where a matching verdict sits in the Info.plist: on the first key that differs (the one to
// change), else on the personality's name.
import { activeVerdicts, verdictSentence, type FileVerdict } from '../../matching';
import type { RuleContext, RuleSource } from '../types';

export function verdictSpan(v: FileVerdict): { start: number; end: number } {
  const focus = v.verdict.closest;
  for (const d of focus?.differences ?? []) {
    const key = v.personality.keys.get(d.key) ?? (d.key === 'idProductArray' ? v.personality.keys.get('idProduct') : undefined);
    if (key) return { start: key.keySpan.start, end: key.keySpan.end };
  }
  const provider = v.verdict.status === 'matched' ? undefined : v.personality.keys.get('IOProviderClass');
  const entry = provider ?? v.personality.entry;
  return { start: entry.keySpan.start, end: entry.keySpan.end };
}

/** What both matching rules rest on: Apple's matching rules for USB, PCI and the generic keys. */
export const MATCHING_SOURCES: readonly RuleSource[] = [
  { ref: 'https://developer.apple.com/library/archive/qa/qa1076/_index.html (USB matching rows and probe scores)', primary: true },
  { ref: 'apple-open-source/macos@afad83d6:IOUSBFamily/IOUSBFamily/Classes/IOUSBDevice.cpp (IOUSBDevice::matchPropertyTable: one row per personality, the other keys as (!exists || matches), row scores 50000-100000, IOProbeScore clamped to 9000, -1000 per wildcard, -500 for idProductMask)', primary: true },
  { ref: 'apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIBridge.cpp:4490-4621 (PCI match keys, IOPCITunnelCompatible)', primary: true },
  { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp (passive matching: IOProviderClass, IONameMatch, IOPropertyMatch, IOResourceMatch)', primary: true },
];

/** Reports each verdict of the loaded dumps on this file that `wanted` selects. */
export function reportVerdicts({ file, workspace, report }: RuleContext, wanted: (v: FileVerdict) => boolean): void {
  for (const { dump, verdicts } of activeVerdicts(workspace, file)) {
    for (const v of verdicts) {
      if (!wanted(v)) continue;
      const { start, end } = verdictSpan(v);
      report({ start, end, message: `Personality '${v.verdict.personality}' ${verdictSentence(v)} (dump: ${dump.source})` });
    }
  }
}
