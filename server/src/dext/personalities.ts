// What the personality rules and features share: the schemas of personality keys and USB matching,
// and each DriverKit personality of a dext Info.plist with its literal facts.
import { getEntry } from '../plist';
import type { PlistDict, PlistEntry } from '../plist/types';
import type { WorkspaceFile } from '../workspace/files';
import { personalitiesOf, type PersonalityFacts } from './context';

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
