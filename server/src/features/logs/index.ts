// Editor features of the logs area.
import type { FeatureContribution } from '../types';

export const logFeatures: FeatureContribution = {
  name: 'logs',
  appliesTo: ['log'],
};
