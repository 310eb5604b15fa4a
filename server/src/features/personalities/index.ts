// Editor features of the personalities area.
import type { FeatureContribution } from '../types';

export const personalityFeatures: FeatureContribution = {
  name: 'personalities',
  appliesTo: ['dext-info-plist'],
};
