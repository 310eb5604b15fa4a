// The personality rules (dext Info.plist), one file each (file name = rule id).
import type { Rule } from '../types';
import { dextNoPersonalities } from './dext-no-personalities';
import { iomatchcategoryMissing } from './iomatchcategory-missing';
import { iomatchcategoryNonResources } from './iomatchcategory-non-resources';
import { ioclassFamilyMismatch } from './ioclass-family-mismatch';
import { kernelBundleMismatch } from './kernel-bundle-mismatch';
import { missingUsageDescription } from './missing-usage-description';
import { oneProcessFalse } from './one-process-false';
import { pciTunnelCompatible } from './pci-tunnel-compatible';
import { personalityKeyType } from './personality-key-type';
import { personalityMissingKey } from './personality-missing-key';
import { personalityUnknownKey } from './personality-unknown-key';
import { systemAddedKey } from './system-added-key';
import { usbMatchingIncomplete } from './usb-matching-incomplete';
import { usbProbeScore } from './usb-probe-score';
import { userClassUnknown } from './user-class-unknown';
import { userserverNameMismatch } from './userserver-name-mismatch';
import { personalityBundleIdMismatch } from './personality-bundle-id-mismatch';
import { dextOnIoresources } from './dext-on-ioresources';
import { userclientIoclass } from './userclient-ioclass';
import { ipadosDriverBundlePrefix } from './ipados-driver-bundle-prefix';
import { ipadosResourcesProvider } from './ipados-resources-provider';
import { personalityDextEntitlements } from './personality-dext-entitlements';
import { builtinDeviceMatch } from './builtin-device-match';

export const personalityRules: Rule[] = [
  personalityMissingKey,
  personalityKeyType,
  personalityUnknownKey,
  iomatchcategoryNonResources,
  iomatchcategoryMissing,
  userserverNameMismatch,
  userClassUnknown,
  ioclassFamilyMismatch,
  usbMatchingIncomplete,
  missingUsageDescription,
  kernelBundleMismatch,
  pciTunnelCompatible,
  oneProcessFalse,
  usbProbeScore,
  systemAddedKey,
  dextNoPersonalities,
  personalityBundleIdMismatch,
  dextOnIoresources,
  userclientIoclass,
  ipadosDriverBundlePrefix,
  ipadosResourcesProvider,
  personalityDextEntitlements,
  builtinDeviceMatch,
];
