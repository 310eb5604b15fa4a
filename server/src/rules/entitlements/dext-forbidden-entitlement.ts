import type { Rule } from '../types';
import { effectiveEntries } from '../../dext/entitlements-file';
import { entitlementInfo, plainText } from '../../knowledge/entitlements';
import { removeEntryEdit } from '../../plist/edits';

export const dextForbiddenEntitlement: Rule = {
  meta: {
    id: 'dext-forbidden-entitlement',
    defaultSeverity: 'error',
    appliesTo: ['dext-entitlements'],
    fixable: true,
    docs: {
      summary: 'An entitlement a dext must not carry: `com.apple.security.device.usb`, `family.hid.virtual.device`, `driverkit.builtin`.',
      what:
        'Reports, in a dext\'s entitlements: `com.apple.security.device.usb` (an app-sandbox key), `com.apple.developer.driverkit.family.hid.virtual.device` (defunct) and `com.apple.developer.driverkit.builtin` (Apple-internal).',
      why:
        '`com.apple.security.device.usb` is for sandboxed apps; in a dext it is not used and gets the code signature rejected (forum). `family.hid.virtual.device` does nothing and no profile carries it; virtual HID dexts use `family.hid.device`. `builtin` marks Apple\'s own dexts; no third-party profile grants it, so signing fails.',
      example: '```xml\n<key>com.apple.security.device.usb</key>\n<true/>\n```',
      fix: 'Remove the entry (the quick fix does). A dext\'s USB access comes from `com.apple.developer.driverkit.transport.usb`.',
    },
  },
  check(context) {
    const { file } = context;
    for (const entry of effectiveEntries(file)) {
      const forbidden = entitlementInfo(entry.key)?.forbidden;
      if (!forbidden) continue;
      context.report({
        start: entry.keySpan.start,
        end: entry.keySpan.end,
        message: `'${entry.key}' must not be in a dext's entitlements: ${plainText(forbidden.reason)}. Remove it.`,
        fixes: [{ title: `Remove '${entry.key}'`, edits: [removeEntryEdit(file.text, entry)], isPreferred: true }],
      });
    }
  },
};
