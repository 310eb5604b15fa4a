import { replaceNodeEdit } from '../../plist/edits';

import { personalitySchema } from '../../knowledge/personalities';
import type { Rule } from '../types';
import { DEVICE_DEXT_INFO_PLIST } from '../example-projects';
import { personalityRule } from '../parts';

const KIND_NAME: Record<string, string> = { string: '<string>', integer: '<integer>', boolean: '<true/> or <false/>', dict: '<dict>', array: '<array>' };

export const personalityKeyType: Rule = personalityRule({
  meta: {
    id: 'personality-key-type',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: 'https://developer.apple.com/library/archive/qa/qa1076/_index.html (USB values are integers; a string only as the * wildcard)', primary: true },
      { ref: 'apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIBridge.cpp:4561-4564 (PCI values read as OSString)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp:4876 (IOUserServerOneProcess: presence only)', primary: true },
    ],
    docs: {
      summary: 'A known matching key with the wrong type (`idVendor` as `<string>`, `IOProbeScore` as a string).',
      what: 'Reports a personality key from `schemas/personality-keys.jsonc` whose value has another plist type than the key takes: USB descriptor fields and `IOProbeScore` are integers, class names are strings, `IOUserServerOneProcess` and `IOPCITunnelCompatible` are booleans. The USB wildcard `<string>*</string>` is accepted; PCI match strings are checked by `pci-match-syntax`. `IOUserServerOneProcess` of another type is information only (the kernel tests its presence).',
      why: 'IOKit compares matching values by type: QA1076 gives USB values as integers and accepts a string only as the `*` wildcard, so `<string>1452</string>` never equals the device’s integer idVendor and the personality silently matches nothing. The kernel reads `IOUserServerOneProcess` by presence only (xnu `IOService.cpp`), so its type changes nothing at run time; it is reported as information because the value misleads readers.',
      example: '```xml\n<key>idVendor</key>\n<string>1452</string>\n```',
      fix: 'Write the value in its type. The quick fix converts a numeric string (decimal or 0x hex) to `<integer>`.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<string>1452</string>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': DEVICE_DEXT_INFO_PLIST,
            },
          },
        ],
      },
    },
  },
  check(p, _shared, { report }) {
    const schema = personalitySchema();
    for (const entry of p.dict.entries) {
      const spec = schema.byKey.get(entry.key);
      const node = entry.value;
      if (!spec || !node || spec.type === 'any' || spec.typeCheckedBy) continue;
      const kind = node.kind === 'true' || node.kind === 'false' ? 'boolean' : node.kind;
      if (kind === spec.type) continue;
      const text = node.kind === 'string' ? node.text.trim() : '';
      // USB matching takes "*" for any value (−1000 probe score). A build variable does not
      // help: Xcode substitutes inside the <string>, the type stays a string.
      if (node.kind === 'string' && spec.wildcard && text === schema.usb.wildcard) continue;
      const numeric = spec.type === 'integer' && /^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text);
      const actual = kind === 'boolean' ? `<${node.kind}/>` : `<${kind}>`;
      const effect = spec.provider || spec.key === 'IOProviderClass' ? 'IOKit compares it by type and the personality never matches' : 'the system does not read it as intended';
      const presenceOnly = entry.key === 'IOUserServerOneProcess';
      report({
        start: node.start,
        end: node.end,
        severity: presenceOnly ? 'information' : undefined,
        message: presenceOnly
          ? `IOUserServerOneProcess in personality '${p.name}' is ${actual}: the kernel only tests that the key exists, so process sharing is on whatever the value. Write <true/>, or remove the key to turn sharing off.`
          : `${entry.key} in personality '${p.name}' is ${actual}, but takes ${KIND_NAME[spec.type]}: ${effect}. Write ${numeric ? `<integer>${text}</integer>` : `a ${KIND_NAME[spec.type]} value`}.`,
        fixes: numeric ? [{ title: `Convert to <integer>${text}</integer>`, edits: [replaceNodeEdit(node, `<integer>${text}</integer>`)], isPreferred: true }] : [],
      });
    }
  },
});
