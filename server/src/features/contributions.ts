// Every area's editor features. Adding an area = its folder plus one line here.
import type { FeatureContribution } from './types';
import { plistFeatures } from './plist';
import { entitlementFeatures } from './entitlements';
import { personalityFeatures } from './personalities';
import { iigFeatures } from './iig';
import { profileFeatures } from './profiles';
import { logFeatures } from './logs';
import { codeFeatures } from './codes';
import { projectFeatures } from './project';

export const contributions: readonly FeatureContribution[] = [
  plistFeatures,
  entitlementFeatures,
  personalityFeatures,
  iigFeatures,
  profileFeatures,
  logFeatures,
  codeFeatures,
  projectFeatures,
];
