import type { Rule } from '../types';
import { dextContextOf } from '../../dext/context';
import { openTagSpan, rootDictOf, topEntry } from '../../dext/entitlements-file';
import { bridgeClassMatch } from '../../dext/pci-bridge';
import { pciBridgeInfo, transportForProvider } from '../../knowledge/entitlements';
import { insertEntryEdit } from '../../plist/edits';

export const pciBridgeEntitlementMissing: Rule = {
  meta: {
    id: 'pci-bridge-entitlement-missing',
    defaultSeverity: 'warning',
    appliesTo: ['dext-entitlements'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIBridge.cpp:3281-3297 (IOPCIBridge::publishNub: a nub whose header type is not 0 requires transport.pci and transport.pci.bridge)', primary: true },
      { ref: 'apple-oss-distributions/IOPCIFamily@4822b27a:PEX8733/PCIDriverKitPEX8733/PCIDriverKitPEX8733.entitlements (Apple’s bridge sample dext carries both)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2682-2686 (IOUserServer::checkEntitlements: "provider entitlements check failed")', primary: true },
      { ref: 'PCI Code and ID Assignment Specification (class 0x0604/0x0609: type-1 header; 0x0607: type-2 header)', primary: false },
    ],
    docs: {
      summary: 'A personality matches a PCI bridge class, but the dext’s entitlements lack `transport.pci.bridge`.',
      what: 'Reads the personalities of the dext’s `Info.plist` and reports an entitlements file of that dext that has `transport.pci` but not `com.apple.developer.driverkit.transport.pci.bridge` when a personality on `IOPCIDevice` has an `IOPCIClassMatch` term that fixes the class to a PCI-to-PCI bridge (`0x0604`), a semi-transparent bridge (`0x0609`) or a CardBus bridge (`0x0607`). A class match that leaves the subclass open is not reported (it also matches host bridges). Without `transport.pci` at all, `dext-missing-transport` reports first.',
      why: 'IOPCIFamily publishes, for every PCI device whose configuration header type is not 0 (a bridge), the requirement `transport.pci` **and** `transport.pci.bridge`; the kernel checks it when the dext’s service starts and refuses the dext ("provider entitlements check failed"). Apple’s own bridge sample (PEX8733) carries both. Warning, not error: the kernel reads the header type from the device, and the link between these class codes and a bridge header comes from the PCI specification, not from Apple.',
      example: '```xml\n<!-- Info.plist: IOProviderClass IOPCIDevice, IOPCIClassMatch 0x06040000 -->\n<key>com.apple.developer.driverkit.transport.pci</key>\n<array>\n    <dict>\n        <key>IOPCIPrimaryMatch</key>\n        <string>0x000010b5&amp;0x0000FFFF</string>\n    </dict>\n</array>\n```',
      fix: 'Add `<key>com.apple.developer.driverkit.transport.pci.bridge</key><true/>` (quick fix), and have Apple grant it for the dext’s App ID.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.pci</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>IOPCIPrimaryMatch</key>\n\t\t\t<string>0x000010b5&amp;0x0000FFFF</string>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n',
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.driver</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>Driver</key>\n\t\t<dict>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOPCIDevice</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>Driver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>com.example.driver</string>\n\t\t\t<key>IOPCIClassMatch</key>\n\t\t\t<string>0x06040000</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.pci</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>IOPCIPrimaryMatch</key>\n\t\t\t<string>0x000010b5&amp;0x0000FFFF</string>\n\t\t</dict>\n\t</array>\n\t<key>com.apple.developer.driverkit.transport.pci.bridge</key>\n\t<true/>\n</dict>\n</plist>\n',
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.driver</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>Driver</key>\n\t\t<dict>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOPCIDevice</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>Driver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>com.example.driver</string>\n\t\t\t<key>IOPCIClassMatch</key>\n\t\t\t<string>0x06040000</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
      },
    },
  },
  check(context) {
    const { file, workspace } = context;
    const root = rootDictOf(file);
    if (!root) return;
    const info = pciBridgeInfo();
    if (topEntry(file, info.entitlement)) return;
    const pci = transportForProvider('IOPCIDevice');
    if (!pci || !topEntry(file, pci.key)) return;
    const dext = dextContextOf(workspace, file);
    if (!dext) return;
    for (const p of dext.personalities) {
      const match = bridgeClassMatch(p);
      if (!match) continue;
      context.report({
        ...openTagSpan(file, root),
        message: `The personality '${p.name}' matches PCI class ${match.bridge.classCode} (${match.bridge.name}); IOPCIFamily requires '${info.entitlement}' next to '${pci.key}' of a dext on a bridge, and these entitlements lack it: the kernel refuses the dext ("provider entitlements check failed"). Add it.`,
        fixes: [{ title: `Add '${info.entitlement}'`, edits: [insertEntryEdit(file, root, info.entitlement, '<true/>')] }],
        related: [{ uri: dext.infoPlist.uri, start: match.node.start, end: match.node.end, message: `IOPCIClassMatch of '${p.name}'` }],
      });
      return;
    }
  },
};
