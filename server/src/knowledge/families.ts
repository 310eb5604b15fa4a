// The DriverKit families (schemas/families.jsonc), typed: one row per dext superclass with its
// kernel class, providers, kernel bundle, family entitlements, required overrides and queues.
import { loadSchema } from './load';
import type { Confidence } from './load';

export interface Family {
  /** The DriverKit class a dext class derives from (`IOUserSCSIParallelInterfaceController`). */
  superclass: string;
  /** What hover shows about the family. */
  note?: string;
  /** An SDK class deriving from a family class (shares its facts). */
  derivesFrom?: string;
  /** The kernel class `IOClass` must name. */
  ioClass: string | null;
  /** Names written as `IOClass` in real projects that are dext (user-space) classes, not kernel classes. */
  notKernelClasses?: string[];
  notKernelClassesSource?: string;
  providers: string[];
  kernelBundle: string | null;
  /** Other kexts that work too (the family is always loaded), e.g. `com.apple.kpi.iokit` for HID. */
  kernelBundleAccepted?: string[];
  /** Full entitlement keys: the family's and, for some rows, the transport it implies. */
  entitlements: string[];
  /** Who checks the family entitlement (schemas/families.jsonc header). */
  familyCheck?: 'kernel' | 'observed' | 'documented';
  requiredOverrides: string[];
  requiredOverridesConfidence?: 'H' | 'M';
  /** Pure virtual in newer SDKs only (IOSCSIParallelFamily-343 on): required when building with them. */
  requiredOverridesNewerSdk?: string[];
  /** The first SDK (family version) that declares them `= 0`. */
  requiredOverridesNewerSdkSince?: string;
  /** What the report adds about implementing them. */
  requiredOverridesNewerSdkNote?: string;
  recommendedOverrides: string[];
  nonexistentMethods: string[];
  createdQueues: string[];
  sdkQueues: string[];
  confidence: Confidence;
  verify: boolean;
  source: string;
}

export function families(): readonly Family[] {
  return loadSchema<{ families: Family[] }>('families').families;
}

/** The generic row (dext superclass IOService, kernel class IOUserService). */
export const isGenericFamily = (family: Family): boolean => family.superclass === 'IOService';
