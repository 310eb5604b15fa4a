// Completion in a dext Info.plist: the keys of a personality (by provider: USB, PCI or HID keys
// only where they belong), inserted as key + value skeleton of the right type; the keys of
// UserClientProperties; and the values of IOProviderClass, IOClass (the family of the IOUserClass
// first), CFBundleIdentifierKernel, IOUserServerName and IOUserClass (the dext's .iig classes).
import type { PlistDict, PlistEntry } from '../../plist/types';
import { stringOf } from '../../dext/personalities';
import { personalitySchema, providerGroup, type PersonalityKeyType } from '../../knowledge/personalities';
import { classFamily, dextClassesOf } from '../../dext/personality-families';
import { families } from '../../knowledge/families';
import type { CompletionItem, PositionContext } from '../types';
import { personalityDict, whereIs } from './where';

const SKELETON: Record<PersonalityKeyType, string> = {
  string: '<string>${1}</string>',
  integer: '<integer>${1:0}</integer>',
  boolean: '<${1|true,false|}/>',
  dict: '<dict>\n\t$0\n</dict>',
  array: '<array>\n\t$0\n</array>',
  any: '<string>${1}</string>',
};

/** Keys that belong in a UserClientProperties dict (driverkit.md §3). */
const USER_CLIENT_KEYS = ['IOClass', 'IOUserClass', 'IOServiceDEXTEntitlements'];

function keyItems(dict: PlistDict, keys: { key: string; type: PersonalityKeyType; detail: string; doc?: string; sort: string }[], inKey: PlistEntry | undefined): CompletionItem[] {
  const present = new Set(dict.entries.filter((e) => e !== inKey).map((e) => e.key));
  return keys
    .filter((k) => !present.has(k.key))
    .map((k) =>
      inKey
        ? { label: k.key, kind: 'property' as const, detail: k.detail, documentation: k.doc, insertText: k.key, replace: { ...inKey.keyInner }, sortText: k.sort }
        : { label: k.key, kind: 'property' as const, detail: k.detail, documentation: k.doc, insertText: `<key>${k.key}</key>\n${SKELETON[k.type]}`, isSnippet: true, sortText: k.sort },
    );
}

function personalityKeyItems(dict: PlistDict, inKey: PlistEntry | undefined): CompletionItem[] {
  const schema = personalitySchema();
  const group = providerGroup(stringOf(dict, 'IOProviderClass'));
  const keys = schema.keys
    // Provider keys only for their provider; all of them while the provider is not chosen yet.
    .filter((k) => !k.provider || !group || k.provider === group)
    .filter((k) => k.key !== 'IOServiceDEXTEntitlements')
    .map((k) => ({ key: k.key, type: k.type, detail: `${k.type} · ${k.half === 'kernel' ? 'kernel matching' : 'dext loading'}${k.provider ? ` · ${k.provider.toUpperCase()}` : ''}`, doc: k.doc, sort: `${k.provider ? 1 : 0}${k.key}` }));
  return keyItems(dict, keys, inKey);
}

function userClientKeyItems(dict: PlistDict, inKey: PlistEntry | undefined): CompletionItem[] {
  const schema = personalitySchema();
  const keys = USER_CLIENT_KEYS.map((key) => schema.byKey.get(key)!).map((k) => ({ key: k.key, type: k.type, detail: k.type, doc: k.doc, sort: k.key }));
  return keyItems(dict, keys, inKey);
}

const isUserClientDict = (dict: PlistDict | undefined) => /UserClientProperties$/.test(dict?.entry?.key ?? '');

function valueItems(context: PositionContext, entry: PlistEntry, personality: PlistDict | undefined, userClientDict: boolean): CompletionItem[] {
  const node = entry.value;
  if (node?.kind !== 'string' || context.offset < node.inner.start || context.offset > node.inner.end) return [];
  const replace = { start: node.inner.start, end: node.inner.end };
  const item = (label: string, kind: CompletionItem['kind'], detail?: string, sortText?: string): CompletionItem => ({ label, kind, detail, insertText: label, replace, sortText });
  const classes = dextClassesOf(context.workspace, context.file);
  switch (entry.key) {
    case 'IOProviderClass':
      return personalitySchema().providers.map((p) => ({ ...item(p.name, 'value', p.group), documentation: p.doc }));
    case 'IOClass': {
      if (userClientDict) return [item('IOUserUserClient', 'value', 'user client kernel class')];
      const userClass = personality ? stringOf(personality, 'IOUserClass') : undefined;
      const wanted = userClass ? classFamily(classes, userClass)?.family?.ioClass : undefined;
      const kernelClasses = [...new Set(families().map((f) => f.ioClass).filter((c): c is string => !!c))];
      return kernelClasses.map((c) => item(c, 'value', c === wanted ? `kernel class of ${userClass}'s family` : 'kernel class', c === wanted ? `0${c}` : `1${c}`));
    }
    case 'CFBundleIdentifierKernel':
      return [...new Set(families().map((f) => f.kernelBundle).filter((b): b is string => !!b))].map((b) => item(b, 'value', 'kext of the IOClass'));
    case 'IOUserServerName':
    case 'CFBundleIdentifier':
      return [item('$(PRODUCT_BUNDLE_IDENTIFIER)', 'constant', 'the dext target’s bundle id')];
    case 'IOUserClass':
      return classes.map((c) => item(c.name, 'class', c.superclass ? `: ${c.superclass}` : undefined));
    default:
      return [];
  }
}

export function personalityCompletion(context: PositionContext): CompletionItem[] {
  if (context.file.plist.binary) return [];
  const where = whereIs(context.file, context.offset, true);
  const personality = personalityDict(where.personality);
  if (!personality || !where.dict) return [];
  const userClientDict = where.level === 'nested' && isUserClientDict(where.dict);
  if (where.entry && !where.inKey) return valueItems(context, where.entry, personality, userClientDict);
  const inKey = where.inKey ? where.entry : undefined;
  if (where.level === 'personality') return personalityKeyItems(where.dict, inKey);
  if (userClientDict) return userClientKeyItems(where.dict, inKey);
  return [];
}
