import type { Rule, RuleFix } from '../types';
import { developmentConfigurationEdit } from '../../dext/development-transport';
import { dextContextOf } from '../../dext/context';
import { openTagSpan, rootDictOf, topEntry } from '../../dext/entitlements-file';
import { transportForProvider, type TransportInfo } from '../../knowledge/entitlements';
import { insertEntryEdit } from '../../plist/edits';
import type { PersonalityFacts } from '../../dext/context';
import { DRIVERKIT_ONLY_ENTITLEMENTS, USB_DEXT_ENTITLEMENTS, USB_DEXT_INFO_PLIST } from '../example-projects';

export const dextMissingTransport: Rule = {
  meta: {
    id: 'dext-missing-transport',
    defaultSeverity: 'error',
    appliesTo: ['dext-entitlements'],
    fixable: true,
    sources: [
      { ref: "apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIBridge.cpp:3256-3297 (IOPCIDevice requires transport.pci)", primary: true },
      { ref: "apple-oss-distributions/IOHIDFamily@54716733:IOHIDFamily/IOHIDInterface.cpp:978-1016 (IOHIDInterface requires transport.hid)", primary: true },
      { ref: "apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2628-2657, 2685 (provider IOServiceDEXTEntitlements; \"provider entitlements check failed\")", primary: true },
      { ref: "https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.driverkit.transport.usb", primary: true },
    ],
    docs: {
      summary: 'The dext\'s personalities match USB / PCI / HID providers, but its entitlements lack the transport entitlement.',
      what:
        'Reads the personalities of the dext\'s `Info.plist` (the one its target names, or the only one in its folder) and reports an entitlements file of that dext without `transport.usb` when a personality\'s `IOProviderClass` is `IOUSBHostDevice`/`IOUSBHostInterface`, without `transport.pci` for `IOPCIDevice`, without `transport.hid` for `IOHIDInterface`. Each entitlements file of the dext (Debug, Release) is checked. Silent when the Info.plist is not known for sure.',
      why:
        'The provider publishes the transport entitlement it requires; the kernel checks it when the dext\'s service starts and refuses it ("provider entitlements check failed"), so the dext never gets its device. A common case: a Debug entitlements file without the transport key while the Release one has it.',
      example: '```xml\n<!-- Info.plist: IOProviderClass = IOUSBHostInterface -->\n<!-- MyDriver-Debug.entitlements -->\n<dict>\n    <key>com.apple.developer.driverkit</key>\n    <true/>\n</dict>\n```',
      fix: 'Add the transport entitlement with the matches Apple granted. The quick fix inserts the development configuration (`idVendor` = `*`, or `IOPCIPrimaryMatch` = `0xFFFFFFFF&0x00000000`), or `<true/>` for `transport.hid`.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Driver.entitlements': DRIVERKIT_ONLY_ENTITLEMENTS,
              'Driver/Info.plist': USB_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Driver.entitlements': USB_DEXT_ENTITLEMENTS,
              'Driver/Info.plist': USB_DEXT_INFO_PLIST,
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
    const dext = dextContextOf(workspace, file);
    if (!dext) return;
    const needed = new Map<TransportInfo, PersonalityFacts>();
    for (const p of dext.personalities) {
      const transport = p.provider ? transportForProvider(p.provider) : undefined;
      if (transport && !needed.has(transport)) needed.set(transport, p);
    }
    for (const [transport, personality] of needed) {
      if (topEntry(file, transport.key)) continue;
      const edit = transport.developmentMatch ? developmentConfigurationEdit(file, transport) : insertEntryEdit(file, root, transport.key, '<true/>');
      const fixes: RuleFix[] = edit
        ? [{ title: transport.developmentMatch ? `Add the ${transport.name} development configuration` : `Add '${transport.key}'`, edits: [edit] }]
        : [];
      const provider = personality.dict.entries.find((e) => e.key === 'IOProviderClass')?.value ?? personality.entry.value!;
      context.report({
        ...openTagSpan(file, root),
        message: `The personality '${personality.name}' matches ${personality.provider}, which requires '${transport.key}', but these entitlements lack it: the kernel refuses the dext ("provider entitlements check failed"). Add it${transport.developmentMatch ? ' with the matches Apple granted (or the development configuration while developing)' : ''}.`,
        fixes,
        related: [{ uri: dext.infoPlist.uri, start: provider.start, end: provider.end, message: `IOProviderClass ${personality.provider}` }],
      });
    }
  },
};
