// Editor features of the entitlements area.
import type { FeatureContribution } from '../types';

export const entitlementFeatures: FeatureContribution = {
  name: 'entitlements',
  appliesTo: ['dext-entitlements', 'app-entitlements'],
};
