// Editor features of the entitlements area: hover, completion and the development-configuration
// code actions in entitlements files, and PCI match hover in dext Info.plists too.
import type { FeatureContribution } from '../types';
import { entitlementCodeActions } from './code-actions';
import { entitlementCompletion } from './completion';
import { entitlementHover } from './hover';

export const entitlementFeatures: FeatureContribution = {
  name: 'entitlements',
  appliesTo: ['dext-entitlements', 'app-entitlements', 'dext-info-plist'],
  hover: entitlementHover,
  completion: entitlementCompletion,
  codeActions: entitlementCodeActions,
};
