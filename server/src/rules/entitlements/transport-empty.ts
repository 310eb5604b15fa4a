import type { Rule } from '../types';
import { developmentConfigurationEdit } from '../../dext/development-transport';
import { transportValues } from '../../dext/transport';

export const transportEmpty: Rule = {
  meta: {
    id: 'transport-empty',
    defaultSeverity: 'error',
    appliesTo: ['dext-entitlements'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIDevice.cpp:870-906 (an empty array matches no device)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2685 ("provider entitlements check failed"), 2701 (exit)', primary: true },
      { ref: 'https://developer.apple.com/forums/thread/818837 (the portal writes the empty array)', primary: false },
    ],
    docs: {
      summary: '`transport.usb` / `transport.pci` is an empty array.',
      what: 'Reports a `com.apple.developer.driverkit.transport.usb` or `.transport.pci` entitlement whose value is an empty array, as Xcode writes it when the capability is added.',
      why:
        'An empty list allows no device (IOPCIFamily `IOPCIDevice.cpp` matches the device against each dict; with none, nothing matches): when the dext\'s service starts, the kernel logs `DK: <Class>-0x…: provider entitlements check failed`, then `DK: IOUserServer(<server>-0x…)-0x…::exit(Entitlements check failed)`, and the dext never starts.',
      example: '```xml\n<key>com.apple.developer.driverkit.transport.pci</key>\n<array>\n</array>\n```',
      fix: 'List the matches Apple granted (e.g. `IOPCIPrimaryMatch` = `0x000010b5&0x0000FFFF`). The quick fix inserts the development configuration, which matches any device: for USB (`idVendor` = `*`) Apple DTS says it works with development signing only; for PCI (mask 0) whether a profile grants it is not documented.',
      examples: {
        invalid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.pci</key>\n\t<array>\n\t</array>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.pci</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>IOPCIPrimaryMatch</key>\n\t\t\t<string>0x000010b5&amp;0x0000FFFF</string>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n' } }],
      },
    },
  },
  check(context) {
    for (const { transport, entry } of transportValues(context.file)) {
      const value = entry.value!;
      if (value.kind !== 'array' || value.items.length) continue;
      const edit = developmentConfigurationEdit(context.file, transport);
      context.report({
        start: value.start,
        end: value.end,
        message: `'${entry.key}' is empty: it allows no ${transport.name} device, so the kernel's entitlement check fails and the dext never starts. List the matches Apple granted, or the development configuration while developing.`,
        fixes: edit ? [{ title: `Insert the ${transport.name} development configuration`, edits: [edit] }] : [],
      });
    }
  },
};
