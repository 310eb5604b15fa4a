import { ENTITLEMENT_KINDS } from '../../workspace/files';
import type { Rule } from '../types';
import { nearest } from '../../text/edit-distance';
import { effectiveEntries, rootDictOf } from '../../dext/entitlements-file';
import { entitlementInfo, entitlementPrefixes, knownEntitlements, notEntitlement, plainText } from '../../knowledge/entitlements';
import { escapeXml, removeEntryEdit } from '../../plist/edits';
import { USB_DEXT_ENTITLEMENTS } from '../example-projects';

/** How far a key may be from a known one and still be a typo of it. */
const TYPO_DISTANCE = 2;

export const entitlementUnknown: Rule = {
  meta: {
    id: 'entitlement-unknown',
    defaultSeverity: 'warning',
    appliesTo: ENTITLEMENT_KINDS,
    fixable: true,
    sources: [
      { ref: "https://developer.apple.com/documentation/bundleresources/driverkit (the DriverKit entitlements Apple documents)", primary: true },
      { ref: "https://developer.apple.com/documentation/bundleresources/entitlements", primary: true },
    ],
    docs: {
      summary: 'An unknown DriverKit or system-extension entitlement, or a key one typo away from a known one.',
      what:
        'Reports a key under `com.apple.developer.driverkit` or `com.apple.developer.system-extension` that is not a known entitlement, and any key within a small edit distance of a known one (`com.apple.developer.driverkit.transport.USB`, `com.apple.developr.driverkit`). Keys that real projects use but for which Apple documents no entitlement (`com.apple.developer.system-extension.uninstall`) are named with the reason.',
      why:
        'An entitlement the system does not know grants nothing: the intended permission is silently missing, and the failure shows up only at load time ("entitlement check failed") or at signing ("Provisioning profile … doesn\'t include the … entitlement": `com.apple.developer` keys must be in the profile).',
      example: '```xml\n<key>com.apple.developer.driverkit.transport.USB</key>\n<array>…</array>\n```',
      fix: 'Rename the key to the known one nearest to it (offered when that key is not already in the file), or remove a key that is not a documented entitlement.',
      examples: {
        invalid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.USB</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Driver.entitlements': USB_DEXT_ENTITLEMENTS } }],
      },
    },
  },
  check(context) {
    const { file } = context;
    if (!rootDictOf(file)) return;
    const known = knownEntitlements().map((e) => e.key);
    const present = new Set(effectiveEntries(file).map((e) => e.key));
    for (const entry of effectiveEntries(file)) {
      const key = entry.key;
      if (entitlementInfo(key)) continue;
      const span = { start: entry.keySpan.start, end: entry.keySpan.end };
      const bogus = notEntitlement(key);
      if (bogus) {
        context.report({
          ...span,
          message: `'${key}' is not a documented entitlement. ${plainText(bogus.reason)} Remove it.`,
          fixes: [{ title: `Remove '${key}'`, edits: [removeEntryEdit(file.document, entry)] }],
          tags: ['unnecessary'],
        });
        continue;
      }
      const underPrefix = entitlementPrefixes().some((p) => key === p || key.startsWith(p + '.'));
      const suggestion = nearest(key, known, TYPO_DISTANCE);
      if (!underPrefix && !suggestion) continue;
      const usable = suggestion && !present.has(suggestion) ? suggestion : undefined;
      const hint = suggestion
        ? present.has(suggestion)
          ? ` It looks like '${suggestion}', which the file already has: remove this one.`
          : ` Did you mean '${suggestion}'?`
        : ' Check the key against Apple\'s list of DriverKit entitlements.';
      context.report({
        ...span,
        message: `Unknown entitlement '${key}': the system ignores it and grants nothing.${hint}`,
        fixes: usable
          ? [{ title: `Rename to '${usable}'`, edits: [{ start: entry.keyInner.start, end: entry.keyInner.end, newText: escapeXml(usable) }] }]
          : [],
      });
    }
  },
};
