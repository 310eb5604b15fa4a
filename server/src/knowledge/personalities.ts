// The personality knowledge (schemas/personality-keys.jsonc and schemas/usb-matching.jsonc),
// typed: the keys a personality may hold, the provider classes by group, Apple's USB matching rows.
import { loadSchema } from './load';
import type { Confidence } from './load';

export type KeyGroup = 'usb' | 'pci' | 'hid';
export type ProviderGroup = KeyGroup | 'resources' | 'service';
export type PersonalityKeyType = 'string' | 'integer' | 'boolean' | 'dict' | 'array' | 'any';

export interface PersonalityKey {
  key: string;
  type: PersonalityKeyType;
  half: 'kernel' | 'dext';
  provider?: KeyGroup;
  /** The value may be the string "*" (USB wildcard). */
  wildcard?: boolean;
  /** Another rule owns the value's type. */
  typeCheckedBy?: string;
  doc: string;
  source: string;
  confidence: Confidence;
}

export interface BundleKey {
  key: string;
  doc: string;
  source: string;
  confidence: Confidence;
  verify?: boolean;
}

export interface ProviderClass {
  name: string;
  group: ProviderGroup;
  doc: string;
  source: string;
  confidence: Confidence;
}

interface PersonalityKeysFile {
  keys: PersonalityKey[];
  bundleKeys: BundleKey[];
  systemAddedKeys: string[];
  providers: ProviderClass[];
}

export interface UsbRow {
  keys: string[];
  optional: string[];
  vendorSpecificOnly?: boolean;
  /** Probe score of a match through the row without / with its optional key. */
  score: number;
  scoreWithOptional: number;
}

export interface UsbProviderRows {
  rows: UsbRow[];
  foreignKeys: string[];
  foreignProvider: string | null;
}

export interface UsbMatching {
  source: string;
  confidence: Confidence;
  wildcard: string;
  wildcardPenalty: number;
  /** IOProbeScore from `from` up counts as `to`. */
  probeScoreClamp: { from: number; to: number };
  /** Less when idProduct matched only under idProductMask. */
  maskPenalty: number;
  standIns: Record<string, string>;
  companions: Record<string, string>;
  providers: Record<string, UsbProviderRows>;
  placeholders: Record<string, number>;
}

export interface PersonalitySchema extends PersonalityKeysFile {
  byKey: Map<string, PersonalityKey>;
  providerByName: Map<string, ProviderClass>;
  /** Provider class names by group (`resources` → IOResources, IOUserResources). */
  providersOf(group: ProviderGroup): string[];
  usb: UsbMatching;
}

let schema: PersonalitySchema | undefined;

export function personalitySchema(): PersonalitySchema {
  if (schema) return schema;
  const file = loadSchema<PersonalityKeysFile>('personality-keys');
  const usb = loadSchema<UsbMatching>('usb-matching');
  return (schema = {
    ...file,
    byKey: new Map(file.keys.map((k) => [k.key, k])),
    providerByName: new Map(file.providers.map((p) => [p.name, p])),
    providersOf: (group) => file.providers.filter((p) => p.group === group).map((p) => p.name),
    usb,
  });
}

/** The provider group of a personality's `IOProviderClass` (undefined: unknown or a variable). */
export function providerGroup(provider: string | undefined): ProviderGroup | undefined {
  return provider ? personalitySchema().providerByName.get(provider)?.group : undefined;
}

