import type { PlistDict, PlistNode } from '../../plist/types';
import type { RuleContext, Rule } from '../types';
import { nearest } from '../../text/edit-distance';
import { developmentConfigurationEdit } from '../../dext/development-transport';
import { kindLabel, openTagSpan } from '../../dext/entitlements-file';
import type { TransportInfo } from '../../knowledge/entitlements';
import { matchEntry, transportValues } from '../../dext/transport';
import { escapeXml } from '../../plist/edits';

function checkLegacyOrWrongValue(context: RuleContext, transport: TransportInfo, key: string, value: PlistNode): void {
  if (value.kind === 'true' || value.kind === 'false') {
    const edit = value.kind === 'true' ? developmentConfigurationEdit(context.file, transport) : undefined;
    context.report({
      start: value.start,
      end: value.end,
      severity: 'warning',
      message:
        `'${key}' as <${value.kind}/> is the 2019-era boolean form. Provisioning profiles carry the array form (an array of match dicts), so this value does not match a current profile` +
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
  const required = transport.requiredKey!;
  if (!matchEntry(dict, required)) {
    context.report({
      ...openTagSpan(context.file, dict),
      message: `This ${transport.name} match dict has no '${required}': every dict of '${transport.key}' names the ${required === 'idVendor' ? 'vendor id' : 'device/vendor match'} it was granted for. Add '${required}'.`,
    });
  }
  for (const entry of dict.entries) {
    const kind = keys[entry.key];
    if (!kind) {
      const suggestion = nearest(entry.key, Object.keys(keys), 3);
      context.report({
        start: entry.keySpan.start,
        end: entry.keySpan.end,
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
      context.report({ start: value.start, end: value.end, message: `'${entry.key}' is an integer in a ${transport.name} match dict, not ${kindLabel(value)}: the kernel compares numbers, so this dict matches nothing.` });
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
    docs: {
      summary: '`transport.usb` / `transport.pci` is not an array of match dicts, or a dict is malformed.',
      what:
        'Reports a `com.apple.developer.driverkit.transport.usb` / `.transport.pci` value that is not an array of dicts, an array element that is not a dict, a dict without `idVendor` (USB) / `IOPCIPrimaryMatch` (PCI), a key that does not belong in such a dict (with the nearest known key), and USB fields that are not integers. The 2019-era boolean form `<true/>`, still in several real projects, is reported as a **warning**.',
      why:
        'The kernel matches the device against these dicts before the dext starts, and Xcode compares them with the provisioning profile, which carries the array form. A malformed dict matches nothing: the dext never starts ("entitlement check failed") or signing fails with "doesn\'t match the entitlements file\'s value".',
      example: '```xml\n<key>com.apple.developer.driverkit.transport.usb</key>\n<true/>\n```',
      fix: 'Write an array of match dicts with the values Apple granted. For `<true/>` the quick fix writes the development configuration (`idVendor` = `*`, or `IOPCIPrimaryMatch` = `0xFFFFFFFF&0x00000000`), which works with development signing only.',
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
