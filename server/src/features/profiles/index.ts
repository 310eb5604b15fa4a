// Editor features of provisioning profiles: on an entitlements key, what the profile that applies
// to this target allows for it.
import { nodeAt, getValue, toValue } from '../../plist';
import { profileForEntitlements } from '../../profiles';
import { describeAllowed, profileLabel } from '../../rules/util/profiles';
import type { FeatureContribution } from '../types';

export const profileFeatures: FeatureContribution = {
  name: 'profiles',
  appliesTo: ['dext-entitlements', 'app-entitlements'],

  hover({ file, workspace, offset }) {
    const at = nodeAt(file.plist, offset);
    if (!at.inKey || !at.entry || at.entry.dict !== file.plist.root) return undefined;
    const applied = profileForEntitlements(workspace, file);
    if (!applied) return undefined;
    const allowed = getValue(applied.profile.entitlements, at.entry.key);
    const what = allowed ? `allows \`${describeAllowed(toValue(allowed) as never)}\`` : '**does not include this entitlement**';
    const expiry = applied.profile.expirationDate ? `, expires ${applied.profile.expirationDate.toISOString().slice(0, 10)}` : '';
    return {
      contents: `${profileLabel(applied)} (${applied.profile.kind}${expiry}) ${what}.`,
      start: at.entry.keySpan.start,
      end: at.entry.keySpan.end,
    };
  },
};
