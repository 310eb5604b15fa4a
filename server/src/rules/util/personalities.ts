// What the personality rules share: the schema of personality keys, and each DriverKit
// personality of a dext Info.plist with its literal facts.
import { getEntry } from '../../plist';
import type { PlistDict, PlistEntry } from '../../plist/types';
import { loadSchema } from '../../schemas';
import type { WorkspaceFile } from '../../workspace/files';
import { personalitiesOf, type PersonalityFacts } from './entitlements-dext';

export interface PersonalityKey {
  key: string;
  type: 'string' | 'integer' | 'boolean' | 'dict' | 'array' | 'any';
  half: 'kernel' | 'dext';
  provider?: 'usb' | 'pci' | 'hid';
  doc?: string;
  source: string;
}

export interface PersonalitySchema {
  keys: PersonalityKey[];
  systemAddedKeys: string[];
  resourceProviders: string[];
  usbProviders: string[];
  pciProviders: string[];
  usbRows: Record<string, string[][]>;
  usbInterfaceKeys: string[];
}

export const personalitySchema = (): PersonalitySchema => loadSchema<PersonalitySchema>('personality-keys');

export type { PersonalityFacts };

export function personalities(file: WorkspaceFile): PersonalityFacts[] {
  return personalitiesOf(file);
}

/** The personality's entry for a key (the last one, as CFPropertyList keeps). */
export function entryOf(p: PersonalityFacts, key: string): PlistEntry | undefined {
  return getEntry(p.dict, key);
}

/** The top-level dict of a dext Info.plist. */
export function infoRoot(file: WorkspaceFile): PlistDict | undefined {
  const root = file.plist.root;
  return root?.kind === 'dict' ? root : undefined;
}
