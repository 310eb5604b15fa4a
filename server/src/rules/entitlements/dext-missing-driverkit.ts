import type { Rule } from '../types';
import { openTagSpan, rootDictOf, topEntry } from '../../dext/entitlements-file';
import { insertEntryEdit, replaceNodeEdit } from '../../plist/edits';

const DRIVERKIT = 'com.apple.developer.driverkit';

export const dextMissingDriverkit: Rule = {
  meta: {
    id: 'dext-missing-driverkit',
    defaultSeverity: 'error',
    appliesTo: ['dext-entitlements'],
    fixable: true,
    sources: [
      { ref: "https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.driverkit", primary: true },
      { ref: "apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:4129-4134 (\"com.apple.developer.driverkit entitlement check failed for %s[%d]\")", primary: true },
    ],
    docs: {
      summary: 'A dext\'s entitlements without `com.apple.developer.driverkit` = `true`.',
      what: 'Reports a dext entitlements file that lacks `com.apple.developer.driverkit`, or sets it to `<false/>`.',
      why: 'Apple: “Add this entitlement to every DriverKit driver.” When the dext process checks in, the kernel queries the entitlement as a boolean and, without `<true/>`, refuses the process as a driver server, logging `com.apple.developer.driverkit entitlement check failed for <process>[<pid>]` (no `DK:` prefix; xnu `IOUserServer.cpp`), whatever transport and family entitlements it has.',
      example: '```xml\n<dict>\n    <key>com.apple.developer.driverkit.transport.usb</key>\n    …\n</dict>\n```',
      fix: 'Add `<key>com.apple.developer.driverkit</key><true/>` (the quick fix does).',
      examples: {
        invalid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t</dict>\n\t</array>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n</dict>\n</plist>\n' } }],
      },
    },
  },
  check(context) {
    const { file } = context;
    const root = rootDictOf(file);
    if (!root) return;
    const entry = topEntry(file, DRIVERKIT);
    if (entry?.value?.kind === 'false') {
      context.report({
        start: entry.value.start,
        end: entry.value.end,
        message: `'${DRIVERKIT}' is false: the kernel refuses the dext's process ("com.apple.developer.driverkit entitlement check failed for …"). Set it to <true/>.`,
        fixes: [{ title: 'Set it to <true/>', edits: [replaceNodeEdit(entry.value, '<true/>')], isPreferred: true }],
      });
      return;
    }
    if (entry) return; // a wrong type is entitlement-type's
    context.report({
      ...openTagSpan(file, root),
      message: `This dext's entitlements lack '${DRIVERKIT}': every dext needs it (<true/>): without it the kernel refuses the dext's process ("com.apple.developer.driverkit entitlement check failed for …"). Add it.`,
      fixes: [{ title: `Add '${DRIVERKIT}'`, edits: [insertEntryEdit(file, root, DRIVERKIT, '<true/>')], isPreferred: true }],
    });
  },
};
