import type { PlistDict, PlistNode } from '../../plist/types';
import type { RuleContext, Rule } from '../types';
import { nearest } from '../../text/edit-distance';
import { developmentConfigurationEdit } from '../../dext/development-transport';
import { kindLabel, openTagSpan } from '../../dext/entitlements-file';
import type { TransportInfo } from '../../knowledge/entitlements';
import { matchEntry, transportValues } from '../../dext/transport';
import { escapeXml } from '../../plist/edits';
import { LEGACY_USB_DEXT_ENTITLEMENTS, USB_DEXT_ENTITLEMENTS } from '../example-projects';

function checkLegacyOrWrongValue(context: RuleContext, transport: TransportInfo, key: string, value: PlistNode): void {
  if (value.kind === 'true' || value.kind === 'false') {
    const edit = value.kind === 'true' ? developmentConfigurationEdit(context.file, transport) : undefined;
    context.report({
      start: value.start,
      end: value.end,
      severity: 'warning',
      message:
        `'${key}' as <${value.kind}/> is the 2019-era boolean form. Provisioning profiles carry the array form (an array of match dicts), so this value does not match a current profile and signing or launch fails` +
        (value.kind === 'false' ? ', and <false/> grants nothing.' : ': write the matches Apple granted, or the development configuration while developing.'),
      fixes: edit ? [{ title: `Replace <true/> with the ${transport.name} development configuration`, edits: [edit] }] : [],
    });
    return;
  }
  context.report({
    start: value.start,
    end: value.end,
    message: `'${key}' must be an array of match dicts (<array><dict><key>${transport.requiredKey}</key>…</dict></array>), not ${kindLabel(value)}: the kernel cannot match any device against it.`,
  });
}

function checkDict(context: RuleContext, transport: TransportInfo, dict: PlistDict): void {
  const keys = transport.keys ?? {};
  const matchKeys = transport.matchKeys ?? [transport.requiredKey!];
  if (!matchKeys.some((k) => matchEntry(dict, k))) {
    const usb = transport.requiredKey === 'idVendor';
    context.report({
      ...openTagSpan(context.file, dict),
      severity: 'warning',
      message: usb
        ? `This ${transport.name} match dict has no 'idVendor'. The kernel accepts it, but Apple grants third parties transport.usb per vendor id: a dict without idVendor is not what Apple issues to you, so it will not match your provisioning profile. Add 'idVendor'.`
        : `This ${transport.name} match dict has none of ${matchKeys.join(', ')}: it names no device. Add the match Apple granted (e.g. IOPCIPrimaryMatch).`,
    });
  }
  for (const entry of dict.entries) {
    const kind = keys[entry.key];
    if (!kind) {
      const suggestion = nearest(entry.key, Object.keys(keys), 3);
      context.report({
        start: entry.keySpan.start,
        end: entry.keySpan.end,
        severity: 'warning',
        message: `'${entry.key}' does not belong in a ${transport.name} match dict${suggestion ? `: did you mean '${suggestion}'?` : `. Known keys: ${Object.keys(keys).join(', ')}.`}`,
        fixes: suggestion && !matchEntry(dict, suggestion)
          ? [{ title: `Rename to '${suggestion}'`, edits: [{ start: entry.keyInner.start, end: entry.keyInner.end, newText: escapeXml(suggestion) }] }]
          : [],
      });
      continue;
    }
    const value = entry.value;
    if (!value) continue;
    if (kind === 'integer' && value.kind !== 'integer') {
      context.report({ start: value.start, end: value.end, message: `'${entry.key}' is an integer in a ${transport.name} match dict, not ${kindLabel(value)}: numbers are compared, so this dict matches nothing.` });
    } else if (kind === 'integers') {
      const bad = value.kind !== 'array' ? [value] : value.items.filter((i) => i.kind !== 'integer');
      for (const node of bad) {
        context.report({ start: node.start, end: node.end, message: `'${entry.key}' is an array of integers, not ${kindLabel(node)} (in a ${transport.name} match dict).` });
      }
    }
  }
}

export const transportShape: Rule = {
  meta: {
    id: 'transport-shape',
    defaultSeverity: 'error',
    appliesTo: ['dext-entitlements'],
    fixable: true,
    sources: [
      { ref: 'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.driverkit.transport.usb', primary: true },
      { ref: 'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.driverkit.transport.pci', primary: true },
      { ref: 'apple-oss-distributions/IOPCIFamily@4822b27a:IOPCIDevice.cpp:855-920 (each dict matched with matchPropertyTable; <true/> accepted as Apple-internal)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2628-2657 (provider re-matches the entitlement dicts)', primary: true },
      { ref: 'apple-oss-distributions/IOHIDFamily@5efd04c6:AppleUserHIDDrivers/AppleUserHIDDrivers-Entitlements.plist:9-29 (class-only USB dicts)', primary: true },
      { ref: 'https://developer.apple.com/library/archive/qa/qa1076/_index.html (USB fields are integers)', primary: true },
    ],
    docs: {
      summary: '`transport.usb` / `transport.pci` is not an array of match dicts, or a dict is malformed.',
      what:
        'Reports a `com.apple.developer.driverkit.transport.usb` / `.transport.pci` value that is not an array of dicts, an array element that is not a dict, and USB fields that are not integers (errors); as **warnings**: a USB dict without `idVendor`, a PCI dict with none of `IOPCIMatch`, `IOPCIPrimaryMatch`, `IOPCISecondaryMatch`, `IOPCIClassMatch` (any one is valid), a key that does not belong in such a dict (with the nearest known key), and the 2019-era boolean form `<true/>`, still in several real projects.',
      why:
        'Before the dext\'s service starts, the provider re-matches itself against these dicts (xnu `IOUserServer.cpp`; IOPCIFamily matches each `transport.pci` dict with its full PCI matcher, so any of the four PCI match keys is valid), and Xcode compares them with the provisioning profile, which carries the array form. A value that is not an array of dicts matches no device: the kernel logs `provider entitlements check failed` and the dext\'s server exits. A USB dict without `idVendor` is valid to the kernel (Apple\'s own HID dext has class-only dicts), but Apple grants third parties `transport.usb` per vendor id, so it is not what your profile carries. `<true/>` is accepted by IOPCIFamily only as an Apple-internal form; profiles carry arrays.',
      example: '```xml\n<key>com.apple.developer.driverkit.transport.usb</key>\n<true/>\n```',
      fix: 'Write an array of match dicts with the values Apple granted. For `<true/>` the quick fix writes the development configuration: `idVendor` = `*`, which Apple DTS says works with development signing only, or `IOPCIPrimaryMatch` = `0xFFFFFFFF&0x00000000`, any PCI device (whether a profile grants it is not documented).',
      examples: {
        invalid: [{ files: { 'Driver/Driver.entitlements': LEGACY_USB_DEXT_ENTITLEMENTS } }],
        valid: [{ files: { 'Driver/Driver.entitlements': USB_DEXT_ENTITLEMENTS } }],
      },
    },
  },
  check(context) {
    for (const { transport, entry } of transportValues(context.file)) {
      const value = entry.value!;
      if (value.kind !== 'array') {
        checkLegacyOrWrongValue(context, transport, entry.key, value);
        continue;
      }
      for (const item of value.items) {
        if (item.kind === 'dict') checkDict(context, transport, item);
        else context.report({ start: item.start, end: item.end, message: `Each element of '${entry.key}' is a match dict (<dict><key>${transport.requiredKey}</key>…</dict>), not ${kindLabel(item)}.` });
      }
    }
  },
};
