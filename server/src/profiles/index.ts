// Provisioning profiles: reading (CMS envelope → plist), matching to targets, describing.
export { describeProfile, isExpired, profileOf, readProfile, wildcardMatch, type ProvisioningProfile } from './profile';
export { profileForEntitlements, type AppliedProfile } from './match';
export { loadProfilesFrom } from './sources';
