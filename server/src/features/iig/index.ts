// Editor features of the iig area.
import type { FeatureContribution } from '../types';

export const iigFeatures: FeatureContribution = {
  name: 'iig',
  appliesTo: ['iig', 'cpp'],
};
