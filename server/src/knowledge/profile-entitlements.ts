// Which entitlements Xcode compares with a provisioning profile (schemas/profile-entitlements.jsonc).
import { loadSchema } from './load';

export interface ProfileEntitlementsSchema {
  managed: { key: string; compareWhenProfileHasIt?: boolean }[];
  checkedPrefixes: { prefix: string }[];
  checkedKeys: { key: string }[];
  uncheckedPrefixes: { prefix: string }[];
  teamVariables: string[];
}

export function profileEntitlementsSchema(): ProfileEntitlementsSchema {
  return loadSchema<ProfileEntitlementsSchema>('profile-entitlements');
}
