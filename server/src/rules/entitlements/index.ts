// The entitlements rules, one file each (file name = rule id).
import type { Rule } from '../types';
import { readOnlyOnBinary } from '../engine/binary-plist-safe';
import { appMissingInstall } from './app-missing-install';
import { appMissingUserclientAccess } from './app-missing-userclient-access';
import { developmentEntitlement } from './development-entitlement';
import { dextForbiddenEntitlement } from './dext-forbidden-entitlement';
import { dextMissingDriverkit } from './dext-missing-driverkit';
import { dextMissingFamily } from './dext-missing-family';
import { dextMissingTransport } from './dext-missing-transport';
import { entitlementType } from './entitlement-type';
import { entitlementUnknown } from './entitlement-unknown';
import { entitlementWrongSide } from './entitlement-wrong-side';
import { pciMatchSyntax } from './pci-match-syntax';
import { transportEmpty } from './transport-empty';
import { transportNotCovering } from './transport-not-covering';
import { transportShape } from './transport-shape';
import { usbVendorType } from './usb-vendor-type';
import { userclientAccessJoined } from './userclient-access-joined';
import { userclientAccessTarget } from './userclient-access-target';
import { entitlementFalseStillGrants } from './entitlement-false-still-grants';
import { pciBridgeEntitlementMissing } from './pci-bridge-entitlement-missing';

export const entitlementRules: Rule[] = [
  entitlementUnknown,
  entitlementType,
  usbVendorType,
  transportShape,
  transportEmpty,
  pciMatchSyntax,
  developmentEntitlement,
  userclientAccessJoined,
  userclientAccessTarget,
  dextForbiddenEntitlement,
  entitlementWrongSide,
  dextMissingDriverkit,
  dextMissingTransport,
  transportNotCovering,
  dextMissingFamily,
  appMissingUserclientAccess,
  appMissingInstall,
  entitlementFalseStillGrants,
  pciBridgeEntitlementMissing,
].map(readOnlyOnBinary);
