// Editor features of the profiles area.
import type { FeatureContribution } from '../types';

export const profileFeatures: FeatureContribution = {
  name: 'profiles',
  appliesTo: ['profile'],
};
