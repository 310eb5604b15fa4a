// The DriverKit families (schemas/families.jsonc), typed: one row per dext superclass with its
// kernel class, providers, kernel bundle, family entitlements, required overrides and queues.
import { loadSchema } from './load';

export interface Family {
  /** The DriverKit class a dext class derives from (`IOUserSCSIParallelInterfaceController`). */
  superclass: string;
  /** What hover shows about the family. */
  note?: string;
  /** An SDK class deriving from a family class (shares its facts). */
  derivesFrom?: string;
  /** The kernel class `IOClass` must name. */
  ioClass: string | null;
  providers: string[];
  kernelBundle: string | null;
  /** Full entitlement keys: the family's and, for some rows, the transport it implies. */
  entitlements: string[];
  requiredOverrides: string[];
  requiredOverridesConfidence?: 'H' | 'M';
  recommendedOverrides: string[];
  nonexistentMethods: string[];
  createdQueues: string[];
  sdkQueues: string[];
  confidence: 'H' | 'M' | 'seed';
  verify: boolean;
  source: string;
}

export function families(): readonly Family[] {
  return loadSchema<{ families: Family[] }>('families').families;
}

/** The generic row (dext superclass IOService, kernel class IOUserService). */
export const isGenericFamily = (family: Family): boolean => family.superclass === 'IOService';
