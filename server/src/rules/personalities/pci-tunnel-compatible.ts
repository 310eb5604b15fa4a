import { insertEntryEdit, replaceNodeEdit } from '../../plist/edits';
import { entryOf } from '../../dext/personalities';
import { providerGroup } from '../../knowledge/personalities';
import type { Rule } from '../types';
import { personalityRule } from '../parts';

export const pciTunnelCompatible: Rule = personalityRule({
  meta: {
    id: 'pci-tunnel-compatible',
    defaultSeverity: 'information',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: "apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIBridge.cpp:4586-4621 (IOPCITunnelCompatible; \"needs \\\"IOPCITunnelCompatible\\\" key in plist\")", primary: true },
    ],
    docs: {
      summary: 'A PCI personality without `IOPCITunnelCompatible` (information), or with it `<false/>` (warning).',
      what: 'Reports a personality on `IOPCIDevice` that lacks `IOPCITunnelCompatible`, and one that sets it to `<false/>`.',
      why: 'Behind Thunderbolt or USB4 tunnelling the kernel logs `Driver "<IOClass>" needs "IOPCITunnelCompatible" key in plist` and may not match; `<false/>` never matches a tunnelled device (a PCIe-over-USB4 audio interface, for one).',
      example: '```xml\n<key>IOProviderClass</key><string>IOPCIDevice</string>\n<key>IOPCIMatch</key><string>0x590111c1</string>\n```',
      fix: 'Add `<key>IOPCITunnelCompatible</key><true/>` (quick fix; not applied by `--fix`: the driver must then cope with the device being unplugged) when the device can sit behind a tunnel.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyPCIDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOPCIDevice</string>\n\t\t\t<key>IOPCIMatch</key>\n\t\t\t<string>0x590111c1</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyPCIDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOPCIDevice</string>\n\t\t\t<key>IOPCIMatch</key>\n\t\t\t<string>0x590111c1</string>\n\t\t\t<key>IOPCITunnelCompatible</key>\n\t\t\t<true/>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
      },
    },
  },
  check(p, _shared, { file, report }) {
    if (providerGroup(p.provider) !== 'pci') return;
    const entry = entryOf(p, 'IOPCITunnelCompatible');
    if (entry?.value?.kind === 'true') return;
    if (entry?.value?.kind === 'false') {
      report({ start: entry.value.start, end: entry.value.end, severity: 'warning', message: `IOPCITunnelCompatible is <false/> in personality '${p.name}': it never matches a device behind Thunderbolt/USB4 tunnelling. Use <true/>.`, fixes: [{ title: 'Use <true/>', edits: [replaceNodeEdit(entry.value, '<true/>')] }] });
      return;
    }
    if (entry) return;
    report({ start: p.entry.keySpan.start, end: p.entry.keySpan.end, message: `PCI personality '${p.name}' has no IOPCITunnelCompatible: behind Thunderbolt/USB4 the kernel asks for it and the driver may not match. Add <true/> if the device can be tunnelled.`, fixes: [{ title: 'Insert IOPCITunnelCompatible = <true/>', edits: [insertEntryEdit(file, p.dict, 'IOPCITunnelCompatible', '<true/>')] }] });
  },
});
