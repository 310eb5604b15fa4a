import type { RuleContext, Rule, RuleFix } from '../types';
import type { PlistEntry } from '../../plist/types';
import { personalityEntryRule } from '../parts';
import { kindLabel } from '../../dext/entitlements-file';
import { defaultMaskFor, parsePciMatch, separatorRepair } from '../../dext/pci-match';
import { pciMatchEntries, personalityPciMatchEntries } from '../../dext/pci-match-values';
import { decodedOffsets, sourceSpan } from '../../plist/text-map';
import { replaceNodeEdit } from '../../plist/edits';

export const pciMatchSyntax: Rule = personalityEntryRule({
  meta: {
    id: 'pci-match-syntax',
    defaultSeverity: 'error',
    appliesTo: ['dext-entitlements', 'dext-info-plist'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIBridge.cpp:4490-4584 (matchKeys / pciMatchNub: strtoul(…, 16), stops at the first non-hex character, only spaces skipped before &; 64-bit value and mask against a 32-bit register)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOStringFuncs.c:217-288 (strtoul: unsigned long, saturates at ULONG_MAX)', primary: true },
    ],
    docs: {
      summary: 'A PCI match value that the kernel misreads: not a string of whitespace-separated `VALUE[&MASK]` hex terms.',
      what:
        'Checks `IOPCIPrimaryMatch`, `IOPCIMatch`, `IOPCISecondaryMatch` and `IOPCIClassMatch`, in the `transport.pci` dicts of a dext\'s entitlements and in the personalities of its `Info.plist`. Reports a comma or pipe used as a separator, any other character that is not whitespace, `&` or hex, a term that can never match because its value and mask share a bit above the 32nd (more than 8 hex digits), an empty string, and a value that is not a `<string>`; a number of more than 8 hex digits whose extra digits change nothing (zeros, or masked off) is a warning. Hovering a value shows the vendor and device each term matches.',
      why:
        'IOPCIFamily\'s matcher (`matchKeys` in `IOPCIBridge.cpp`) reads each term with `strtoul(…, 16)`, which stops at the first character that is not hex, skips only spaces before `&`, and **stops silently** at a character it does not expect: `0x12341af4,0x56781af4` matches only the first device, with no log line. Each number is read into a 64-bit integer and `(value & mask)` is compared with the 32-bit register masked the same way: with a bit above the 32nd set in both value and mask the term can never match; otherwise the extra digits take no part in the comparison. A non-string value is cast to a string and misread. The result is a driver that never matches, or an entitlement that does not cover the device.',
      example: '```xml\n<key>IOPCIPrimaryMatch</key>\n<string>0x00261011,0x00271011</string>\n```',
      fix: 'Separate terms with spaces (the quick fix replaces commas and pipes), keep each number to 8 hex digits, and write the value as a `<string>`. In XML the `&` is written `&amp;`.',
      examples: {
        invalid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.pci</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>IOPCIPrimaryMatch</key>\n\t\t\t<string>0x00261011,0x00271011</string>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.pci</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>IOPCIPrimaryMatch</key>\n\t\t\t<string>0x00261011 0x00271011</string>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n' } }],
      },
    },
  },
  // Entitlements are checked whole: their `transport.pci` dicts (kinds other than the Info.plist's
  // are not checked part by part, see personalityEntryRule).
  prepare(context) {
    const kind = context.workspace.kindOf(context.file);
    if (kind === 'dext-info-plist') return true;
    for (const entry of pciMatchEntries(context.file, kind)) checkValue(entry, context);
    return undefined;
  },
  check(personality, _shared, context) {
    for (const entry of personalityPciMatchEntries(personality)) checkValue(entry, context);
  },
});

/** The problems of one PCI match value. */
function checkValue(entry: PlistEntry, context: RuleContext): void {
  const { file } = context;
  const value = entry.value!;
  if (value.kind !== 'string') {
    const fixes: RuleFix[] = [];
    if (value.kind === 'integer' && typeof value.value === 'number' && value.value >= 0 && value.value <= 0xffffffff) {
      const hex = '0x' + value.value.toString(16).padStart(8, '0');
      fixes.push({ title: `Write <string>${hex}</string>`, edits: [replaceNodeEdit(value, `<string>${hex}</string>`)] });
    }
    context.report({
      start: value.start,
      end: value.end,
      message: `'${entry.key}' is a <string> of hex terms such as 0x00261011&0x0000ffff, not ${kindLabel(value)}: the kernel misreads it.`,
      fixes,
    });
    return;
  }
  const mask = defaultMaskFor(entry.key);
  const parsed = parsePciMatch(value.text, mask);
  const offsets = decodedOffsets(file.text, value);
  const repair = separatorRepair(value.text, mask);
  for (const problem of parsed.problems) {
    const span = problem.kind === 'empty' ? { start: value.start, end: value.end } : sourceSpan(offsets, value, problem.start, problem.end);
    const fixes: RuleFix[] =
      problem.kind === 'separator' && repair && offsets
        ? [{
            title: 'Separate the terms with spaces',
            edits: repair.positions.map((p) => ({ ...sourceSpan(offsets, value, p, p + 1), newText: ' ' })),
            isPreferred: true,
          }]
        : [];
    context.report({ ...span, severity: problem.severity, message: `${entry.key}: ${problem.message}`, fixes });
  }
}
