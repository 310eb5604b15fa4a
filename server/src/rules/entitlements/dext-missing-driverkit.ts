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
      why: 'Every dext needs it to run as a user-space driver: without it the system refuses to load the dext, whatever transport and family entitlements it has (forum).',
      example: '```xml\n<dict>\n    <key>com.apple.developer.driverkit.transport.usb</key>\n    …\n</dict>\n```',
      fix: 'Add `<key>com.apple.developer.driverkit</key><true/>` (the quick fix does).',
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
        message: `'${DRIVERKIT}' is false: the system refuses to load the dext. Set it to <true/>.`,
        fixes: [{ title: 'Set it to <true/>', edits: [replaceNodeEdit(entry.value, '<true/>')], isPreferred: true }],
      });
      return;
    }
    if (entry) return; // a wrong type is entitlement-type's
    context.report({
      ...openTagSpan(file, root),
      message: `This dext's entitlements lack '${DRIVERKIT}': every dext needs it (<true/>) to run as a driver, or the system refuses to load it. Add it.`,
      fixes: [{ title: `Add '${DRIVERKIT}'`, edits: [insertEntryEdit(file, root, DRIVERKIT, '<true/>')], isPreferred: true }],
    });
  },
};
