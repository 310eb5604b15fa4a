// What the personality rules and features share: the schemas of personality keys and USB matching,
// and each DriverKit personality of a dext Info.plist with its literal facts.
import { getEntry } from '../../plist';
import type { PlistDict, PlistEntry } from '../../plist/types';
import { loadSchema } from '../../schemas';
import type { WorkspaceFile } from '../../workspace/files';
import { personalitiesOf, type PersonalityFacts } from './entitlements-dext';

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
}

export interface BundleKey {
  key: string;
  doc: string;
  source: string;
  verify?: boolean;
}

export interface ProviderClass {
  name: string;
  group: ProviderGroup;
  doc: string;
  source: string;
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
}

export interface UsbProviderRows {
  rows: UsbRow[];
  foreignKeys: string[];
  foreignProvider: string | null;
}

export interface UsbMatching {
  source: string;
  wildcard: string;
  wildcardPenalty: number;
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

export type { PersonalityFacts };

export function personalities(file: WorkspaceFile): PersonalityFacts[] {
  return personalitiesOf(file);
}

/** The personality's entry for a key (the last one, as CFPropertyList keeps). */
export function entryOf(p: PersonalityFacts, key: string): PlistEntry | undefined {
  return getEntry(p.dict, key);
}

/** The trimmed text of a `<string>` entry of a dict, if it is one. */
export function stringOf(dict: PlistDict | undefined, key: string): string | undefined {
  const node = getEntry(dict, key)?.value;
  return node?.kind === 'string' ? node.text.trim() : undefined;
}

/** The top-level dict of a dext Info.plist. */
export function infoRoot(file: WorkspaceFile): PlistDict | undefined {
  const root = file.plist.root;
  return root?.kind === 'dict' ? root : undefined;
}

/** The `IOKitPersonalities` dict of a dext Info.plist. */
export function personalitiesDict(file: WorkspaceFile): PlistDict | undefined {
  const value = getEntry(infoRoot(file), 'IOKitPersonalities')?.value;
  return value?.kind === 'dict' ? value : undefined;
}

/** A span on the root `<dict>` open tag, where file-level diagnostics sit. */
export function rootTagSpan(root: PlistDict): { start: number; end: number } {
  return { start: root.start, end: root.start + Math.min(6, root.end - root.start) };
}
