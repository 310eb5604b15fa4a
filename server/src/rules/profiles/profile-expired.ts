import { choiceSentence, dayOf, isExpired, profileForEntitlements, profileLabel } from '../../profiles';
import { ENTITLEMENT_KINDS } from '../../workspace/files';
import type { Rule } from '../types';

export const profileExpired: Rule = {
  meta: {
    id: 'profile-expired',
    defaultSeverity: 'warning',
    appliesTo: ENTITLEMENT_KINDS,
    fixable: false,
    sources: [
      { ref: "https://developer.apple.com/documentation/technotes/tn3125-inside-code-signing-provisioning-profiles (ExpirationDate)", primary: true },
    ],
    docs: {
      summary: 'The provisioning profile that applies to this entitlements file has expired.',
      what: 'Reports, on the root `<dict>` of the entitlements file, when the profile that applies to the target (chosen as `profile-mismatch` describes: the one the target names, else the newest unexpired one) has an `ExpirationDate` in the past: no unexpired profile covers the bundle id, or the target names an expired one.',
      why: 'Signing with an expired profile fails, and a build signed before it expired stops launching once it has: the dext is not loaded. Xcode may keep reusing a stale downloaded profile, and the error it prints rarely names the file.',
      example: 'A development profile for `com.example.driver` created a year ago, still in `~/Library/Developer/Xcode/UserData/Provisioning Profiles`.',
      fix: 'Renew the profile on the developer portal (or let Xcode regenerate it), download it, and delete the expired file.',
    },
  },
  check({ file, workspace, report }) {
    const applied = profileForEntitlements(workspace, file);
    if (!applied || !isExpired(applied.profile)) return;
    const root = file.plist.root;
    // The root `<dict>` opening tag: the diagnostic is about the whole file, not one key.
    const start = root?.start ?? 0;
    const end = root ? Math.min(root.end, root.inner.start > root.start ? root.inner.start : root.end) : 0;
    report({
      start,
      end,
      message: `${profileLabel(applied)} (${applied.profile.applicationIdentifier}) expired on ${dayOf(applied.profile.expirationDate!)}: signing with it fails and builds signed with it stop loading. Renew it on the developer portal or in Xcode, download it, and delete the expired file.${choiceSentence(applied)}`,
      related: [{ uri: applied.file.uri, start: 0, end: 0, message: 'the expired profile' }],
    });
  },
};
