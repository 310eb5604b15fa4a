import { isExpired, profileForEntitlements } from '../../profiles';
import { ENTITLEMENT_KINDS } from '../../workspace/files';
import type { Rule } from '../types';
import { profileLabel } from '../util/profiles';

export const profileExpired: Rule = {
  meta: {
    id: 'profile-expired',
    defaultSeverity: 'warning',
    appliesTo: ENTITLEMENT_KINDS,
    fixable: false,
    docs: {
      summary: 'The provisioning profile that applies to this entitlements file has expired.',
      what: 'Reports, on the entitlements file, when the profile whose application identifier covers the target’s bundle id (the newest unexpired one when several do) has an `ExpirationDate` in the past, i.e. no unexpired profile applies.',
      why: 'An expired profile fails code signing, and a dext signed with one does not load; Xcode may keep reusing a stale downloaded profile.',
      example: 'A development profile created a year ago for `com.example.driver`.',
      fix: 'Renew the profile on the developer portal (or in Xcode) and remove the expired file.',
    },
  },
  check({ file, workspace, report }) {
    const applied = profileForEntitlements(workspace, file);
    if (!applied || !isExpired(applied.profile)) return;
    const root = file.plist.root;
    report({
      start: root?.start ?? 0,
      end: root ? root.start + Math.min(6, root.end - root.start) : 0,
      message: `${profileLabel(applied)} expired on ${applied.profile.expirationDate!.toISOString().slice(0, 10)}: signing with it fails. Renew it on the developer portal or in Xcode and remove the expired file.`,
      related: [{ uri: applied.file.uri, start: 0, end: 0, message: 'the expired profile' }],
    });
  },
};
