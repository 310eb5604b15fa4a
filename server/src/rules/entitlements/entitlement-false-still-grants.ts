import type { Rule, RuleFix } from '../types';
import { effectiveEntries, topEntry } from '../../dext/entitlements-file';
import { presenceOnlyEntitlement } from '../../knowledge/entitlements';
import { removeEntryEdit, replaceNodeEdit } from '../../plist/edits';
import { DRIVERKIT_ONLY_ENTITLEMENTS } from '../example-projects';

export const entitlementFalseStillGrants: Rule = {
  meta: {
    id: 'entitlement-false-still-grants',
    defaultSeverity: 'warning',
    appliesTo: ['dext-entitlements'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:4770 (IOUserServer::serviceNewUserClient: `fEntitlements->getObject(gIODriverKitUserClientEntitlementAllowAnyKey)`)', primary: true },
      { ref: 'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.driverkit.allow-any-userclient-access', primary: true },
    ],
    docs: {
      summary: '`allow-any-userclient-access` = `<false/>`: the kernel checks only that the key exists, so any app may still connect.',
      what: 'Reports, in a dext’s entitlements, `com.apple.developer.driverkit.allow-any-userclient-access` set to `<false/>` (the entitlements the kernel tests for presence only are listed in `schemas/entitlements.jsonc`, `presenceOnly`).',
      why: 'When an app opens a user client of a macOS dext, the kernel lets it in as soon as the dext’s entitlements contain `allow-any-userclient-access`, whatever its value: `<false/>` lets every app connect without `userclient-access`, the opposite of what it says.',
      example: '```xml\n<key>com.apple.developer.driverkit.allow-any-userclient-access</key>\n<false/>\n```',
      fix: 'Remove the key (quick fix) so that only apps whose `userclient-access` lists the dext may connect; write `<true/>` (quick fix; the preferred one in an audio dext, which needs it so the Core Audio HAL can connect) if any app is meant to.',
      examples: {
        invalid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.allow-any-userclient-access</key>\n\t<false/>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Driver.entitlements': DRIVERKIT_ONLY_ENTITLEMENTS } }],
      },
    },
  },
  check(context) {
    const { file } = context;
    for (const entry of effectiveEntries(file)) {
      if (entry.value?.kind !== 'false') continue;
      const known = presenceOnlyEntitlement(entry.key);
      if (!known) continue;
      const neededBy = known.neededWith.find((k) => topEntry(file, k));
      const remove: RuleFix = { title: `Remove '${entry.key}'`, edits: [removeEntryEdit(file.document, entry)], isPreferred: !neededBy };
      const on: RuleFix = { title: 'Use <true/>', edits: [replaceNodeEdit(entry.value, '<true/>')], isPreferred: !!neededBy };
      context.report({
        start: entry.keySpan.start,
        end: entry.value.end,
        message: neededBy
          ? `'${entry.key}' is <false/>, but the macOS kernel only checks that the key exists: ${known.effect}. With '${neededBy}' the dext needs it on: write <true/>, which says what happens.`
          : `'${entry.key}' is <false/>, but the macOS kernel only checks that the key exists: ${known.effect}. Remove the key to turn it off.`,
        fixes: neededBy ? [on, remove] : [remove, on],
      });
    }
  },
};
