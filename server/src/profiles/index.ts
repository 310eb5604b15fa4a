// Provisioning profiles: reading (CMS envelope → plist), matching to targets, comparing with
// entitlements files, describing.
export { readProfile, profileOf, isExpired, dayOf, type ProvisioningProfile, type ProfileResult, type ProfileMethod } from './profile';
export { wildcardMatch } from './wildcard';
export { profileForEntitlements, type AppliedProfile, type ProfileCandidate } from './match';
export { ungrantedValues, allows, isComparedKey, teamAwareResolver, type UngrantedValue, type Resolve, type Verdict } from './grants';
export { describeProfile, formatNode, profileLabel, profileDisplayName, choiceSentence, type ProfileDescription } from './describe';
export { loadProfilesFrom } from './sources';
