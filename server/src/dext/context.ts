// What the cross-file entitlement rules read from the dext they belong to: its Info.plist (only
// when the workspace says unambiguously which one it is) and the DriverKit personalities in it.
import type { PlistDict, PlistEntry, PlistScalar } from '../plist/types';
import { literalValue } from '../pbxproj/variables';
import { getEntry } from '../plist/values';
import { isDriverKitPersonality } from '../workspace/classify';
import type { WorkspaceFile } from '../workspace/files';
import type { DextProduct } from '../workspace/model';
import type { Workspace } from '../workspace/workspace';

export interface PersonalityFacts {
  name: string;
  /** The personality's entry in `IOKitPersonalities`. */
  entry: PlistEntry;
  dict: PlistDict;
  /** Literal values (undefined when absent or a build variable). */
  provider?: string;
  ioClass?: string;
  userClass?: string;
  /** `idVendor` when it is an integer. */
  idVendor?: { value: number; node: PlistScalar };
  /** PCI match strings (`IOPCIPrimaryMatch`, `IOPCIMatch`, …) that are `<string>`s. */
  pciMatches: { key: string; node: PlistScalar }[];
  /** Whether the personality declares a user client (`UserClientProperties`). */
  hasUserClientProperties: boolean;
}

const PCI_KEYS = new Set(['IOPCIPrimaryMatch', 'IOPCIMatch', 'IOPCISecondaryMatch', 'IOPCIClassMatch']);

function literal(node: PlistEntry['value']): string | undefined {
  return (node?.kind === 'string' && literalValue(node.text)) || undefined;
}

/** The entries of a dext Info.plist's `IOKitPersonalities` dict (the last such key, as CFPropertyList keeps). */
export function personalityEntries(infoPlist: WorkspaceFile): readonly PlistEntry[] {
  const root = infoPlist.plist.root;
  if (root?.kind !== 'dict') return [];
  const list = getEntry(root, 'IOKitPersonalities')?.value;
  return list?.kind === 'dict' ? list.entries : [];
}

/**
 * The facts of one entry of `IOKitPersonalities`, undefined unless its value is a DriverKit
 * personality; cached per version of the file, so the rules that check one personality after an
 * edit share them without listing every personality again.
 */
export function personalityFactsOf(infoPlist: WorkspaceFile, entry: PlistEntry): PersonalityFacts | undefined {
  const cache = infoPlist.parsed('personality-facts', () => new WeakMap<PlistEntry, PersonalityFacts | null>());
  let facts = cache.get(entry);
  if (facts === undefined) cache.set(entry, (facts = factsOf(entry)));
  return facts ?? undefined;
}

function factsOf(entry: PlistEntry): PersonalityFacts | null {
  const dict = entry.value;
  if (dict?.kind !== 'dict' || !isDriverKitPersonality(dict)) return null;
  const vendor = getEntry(dict, 'idVendor')?.value;
  const pciMatches: PersonalityFacts['pciMatches'] = [];
  for (const e of dict.entries) if (PCI_KEYS.has(e.key) && e.value?.kind === 'string') pciMatches.push({ key: e.key, node: e.value });
  return {
    name: entry.key,
    entry,
    dict,
    provider: literal(getEntry(dict, 'IOProviderClass')?.value),
    ioClass: literal(getEntry(dict, 'IOClass')?.value),
    userClass: literal(getEntry(dict, 'IOUserClass')?.value),
    idVendor: vendor?.kind === 'integer' && typeof vendor.value === 'number' ? { value: vendor.value, node: vendor } : undefined,
    pciMatches,
    hasUserClientProperties: getEntry(dict, 'UserClientProperties')?.value?.kind === 'dict',
  };
}

/** The DriverKit personalities of a dext Info.plist (cached per version of the file). */
export function personalitiesOf(infoPlist: WorkspaceFile): PersonalityFacts[] {
  return infoPlist.parsed('entitlements:personalities', (file) => {
    const out: PersonalityFacts[] = [];
    for (const entry of personalityEntries(file)) {
      const facts = personalityFactsOf(file, entry);
      if (facts) out.push(facts);
    }
    return out;
  });
}

export interface DextContext {
  dext: DextProduct;
  infoPlist: WorkspaceFile;
  personalities: PersonalityFacts[];
}

/** The dext an entitlements file belongs to, with its Info.plist and personalities, if known. */
export function dextContextOf(workspace: Workspace, file: WorkspaceFile): DextContext | undefined {
  const dext = workspace.dextOf(file);
  if (!dext) return undefined;
  // The model says which Info.plist is the dext's: the target's, or the only one of its folder.
  const infoPlist = dext.infoPlist;
  if (!infoPlist) return undefined;
  return { dext, infoPlist, personalities: personalitiesOf(infoPlist) };
}
