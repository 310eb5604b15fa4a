// Where an offset sits in a dext Info.plist, in the terms the personality features need: a
// top-level key, a personality's name, a key or value of a personality, or of a dict nested in it
// (`UserClientProperties`, the audio and MIDI `…UserClientProperties`).
import { nodeAt } from '../../plist';
import type { PlistDict, PlistEntry } from '../../plist/types';
import { personalitiesDict } from '../../dext/personalities';
import type { WorkspaceFile } from '../../workspace/files';

export interface Where {
  /** The entry whose key or value holds the offset. */
  entry?: PlistEntry;
  inKey: boolean;
  /** The innermost dict holding the offset. */
  dict?: PlistDict;
  /** `top`: the root dict; `name`: a personality's own entry; `personality`: an entry of one; `nested`: deeper. */
  level?: 'top' | 'name' | 'personality' | 'nested';
  /** The personality (its entry in IOKitPersonalities) holding the offset. */
  personality?: PlistEntry;
}

/** The IOKitPersonalities entry a dict is, or is nested in. */
function personalityOf(dict: PlistDict | undefined, list: PlistDict): PlistEntry | undefined {
  let node: PlistDict | undefined = dict;
  // Iterative climb; personalities are shallow, but a hostile file must not recurse.
  for (let depth = 0; node && depth < 64; depth++) {
    if (node.entry?.dict === list) return node.entry;
    const parent = node.parent;
    node = parent?.kind === 'dict' ? parent : parent?.parent?.kind === 'dict' ? parent.parent : undefined;
  }
  return undefined;
}

/**
 * `typing`: for completion, an offset on the edge of a `<key>` tag (before `<`, after `>`) is
 * between entries, not in the key (hover and definition count the whole element).
 */
export function whereIs(file: WorkspaceFile, offset: number, typing = false): Where {
  const at = nodeAt(file.plist, offset);
  // On the body of the innermost dict, between its entries, or on a `<key>` tag's edge (before
  // `<`, after `>`): no entry is under the cursor.
  const onTagEdge = typing && at.inKey && at.entry && (offset < at.entry.keyInner.start || offset > at.entry.keyInner.end);
  const entry = at.entry && at.entry.dict === at.dict && !onTagEdge ? at.entry : undefined;
  const where: Where = { entry, inKey: at.inKey && !!entry, dict: at.dict };
  const root = file.plist.root;
  if (!at.dict) return where;
  if (at.dict === root) {
    where.level = 'top';
    return where;
  }
  const list = personalitiesDict(file);
  if (!list) return where;
  if (at.dict === list) {
    where.level = 'name';
    where.personality = entry;
    return where;
  }
  where.personality = personalityOf(at.dict, list);
  if (where.personality) where.level = at.dict.entry === where.personality ? 'personality' : 'nested';
  return where;
}

/** The personality dict of a personality entry. */
export function personalityDict(entry: PlistEntry | undefined): PlistDict | undefined {
  return entry?.value?.kind === 'dict' ? entry.value : undefined;
}
