// Hover in a dext Info.plist: personality keys (what the kernel or the dext loader does with them,
// per the two halves of loading), top-level keys, IOProviderClass / IOClass values (the family and
// what it implies), IOUserClass (its .iig file, superclass chain and family), a personality's name
// (a summary), and USB integer values in hex and decimal.
import type { PlistEntry } from '../../plist/types';
import { hexAndDecimal } from '../../dext/entitlements-file';
import { stringOf } from '../../dext/personalities';
import { personalitySchema, type PersonalityKey } from '../../knowledge/personalities';
import { classFamily, dextClassesOf, familiesOfKernelClass, familyMisnamedBy } from '../../dext/personality-families';
import { type Family } from '../../knowledge/families';
import { basename } from '../../workspace/uri';
import type { HoverResult, PositionContext } from '../types';
import { personalityDict, whereIs } from './where';
import { matchingHover } from '../../matching/hover';

const HALF = {
  kernel: 'Read by the **kernel** when matching (first half of loading: before the dext exists).',
  dext: 'Read when the **dext** is launched and its class instantiated (second half of loading, after the kernel matched).',
};

const code = (s: string) => `\`${s}\``;

function keyMarkdown(spec: PersonalityKey): string {
  const group = spec.provider ? ` — ${spec.provider.toUpperCase()} matching key` : '';
  const wildcard = spec.wildcard ? ' `<string>*</string>` matches any value (−1000 probe score).' : '';
  return `**${spec.key}** (${code(spec.type)}${group})\n\n${spec.doc}${wildcard}\n\n${HALF[spec.half]}\n\n*Source:* ${spec.source}`;
}

export function familyMarkdown(family: Family): string {
  const facts = [
    `dext superclass ${code(family.superclass)}${family.derivesFrom ? ` (derives from ${code(family.derivesFrom)})` : ''}`,
    `kernel class (${code('IOClass')}) ${code(family.ioClass ?? '—')}`,
    `kext (${code('CFBundleIdentifierKernel')}) ${family.kernelBundle ? code(family.kernelBundle) : 'not documented'}`,
    `family entitlement ${family.entitlements.filter((e) => e.includes('.family.')).map(code).join(', ') || 'none (transport only)'}`,
  ];
  if (family.providers.length) facts.push(`providers ${family.providers.map(code).join(', ')}`);
  const confidence = family.confidence === 'primary' ? '' : family.confidence === 'observed' ? ' (observed in Apple-shipped dexts)' : ' (forum answers or third-party projects only: verify)';
  return `${facts.map((f) => `- ${f}`).join('\n')}${family.note ? `\n\n${family.note}` : ''}\n\n*Source:* ${family.source}${confidence}`;
}

/** Who must hold `IOServiceDEXTEntitlements`: the dext itself, or the app opening a user client (xnu IOUserServer.cpp). */
function dextEntitlementsNote(personalityLevel: boolean, dictKey: string | undefined): string {
  if (personalityLevel) {
    return '\n\n**Here, at the personality’s top level**, it becomes a property of the dext’s own service: the kernel checks these entitlements against **the dext itself** when its service starts, and refuses it if they are missing (`family entitlements check failed`). It does not restrict apps: for that, put it in `UserClientProperties`. *Source:* apple-oss-distributions/xnu `iokit/Kernel/IOUserServer.cpp` (`IOUserServer::checkEntitlements`).';
  }
  if (dictKey?.endsWith('UserClientProperties')) {
    return '\n\n**Here, in the user client’s properties**, the kernel checks these entitlements against **the app** opening the user client, after the dext’s `NewUserClient` created it; if they are missing, `IOServiceOpen` fails with `kIOReturnNotPermitted` (`UC entitlements check failed`). *Source:* apple-oss-distributions/xnu `iokit/Kernel/IOUserServer.cpp` (`IOUserServer::serviceNewUserClient`).';
  }
  return '';
}

function ioClassMarkdown(ioClass: string): string | undefined {
  const rows = familiesOfKernelClass(ioClass);
  if (rows.length) {
    const names = rows.map((f) => (f.superclass === 'IOService' ? 'generic (IOService: USB, PCI, virtual)' : code(f.superclass)));
    return `**${ioClass}**: the kernel class of ${names.join(', ')} dexts.\n\n${familyMarkdown(rows[0]!)}`;
  }
  const misnamed = familyMisnamedBy(ioClass);
  if (misnamed) return `**${ioClass}** is the DriverKit (dext-side) class name, not a kernel class: the kernel class for this family is ${code(misnamed.ioClass!)}.`;
  if (ioClass === 'IOUserUserClient') return '**IOUserUserClient**: the kernel class of a DriverKit user client (`UserClientProperties`).';
  return undefined;
}

function classMarkdown(context: PositionContext, name: string): string | undefined {
  const found = classFamily(dextClassesOf(context.workspace, context.file), name);
  if (!found) return undefined;
  const { cls, chain, family } = found;
  const line = cls.file.document.positionAt(cls.nameStart).line + 1;
  const parts = [`**${name}**: declared in ${code(basename(cls.file.path))} (line ${line})`, `Superclass chain: ${chain.map(code).join(' → ')}`];
  if (family) parts.push(`Family of ${code(family.superclass)}:\n\n${familyMarkdown(family)}`);
  return parts.join('\n\n');
}

function personalitySummary(entry: PlistEntry): string | undefined {
  const dict = personalityDict(entry);
  if (!dict) return undefined;
  const row = (key: string) => {
    const v = stringOf(dict, key);
    return v ? `- ${code(key)} ${code(v)}` : undefined;
  };
  const lines = ['IOProviderClass', 'IOClass', 'IOUserClass', 'IOUserServerName'].map(row).filter(Boolean);
  return `**Personality ${entry.key}**\n\nKernel half: match ${code(stringOf(dict, 'IOProviderClass') ?? '?')} nubs, attach ${code(stringOf(dict, 'IOClass') ?? '?')}; dext half: launch the dext named by IOUserServerName and instantiate IOUserClass.\n\n${lines.join('\n')}`;
}

function valueHover(context: PositionContext, entry: PlistEntry): string | undefined {
  const node = entry.value;
  if (!node) return undefined;
  if (node.kind === 'integer' && typeof node.value === 'number' && personalitySchema().byKey.get(entry.key)?.provider === 'usb') {
    return `**${entry.key}** ${hexAndDecimal(node.value)}`;
  }
  if (node.kind !== 'string') return undefined;
  const text = node.text.trim();
  switch (entry.key) {
    case 'IOProviderClass': {
      const provider = personalitySchema().providerByName.get(text);
      return provider ? `**${text}**: ${provider.doc}\n\n*Source:* ${provider.source}` : undefined;
    }
    case 'IOClass':
      return ioClassMarkdown(text);
    case 'IOUserClass':
      return classMarkdown(context, text);
    default:
      return undefined;
  }
}

export function personalityHover(context: PositionContext): HoverResult | undefined {
  if (context.file.plist.binary) return undefined;
  const where = whereIs(context.file, context.offset);
  const entry = where.entry;
  if (!entry) return undefined;
  const schema = personalitySchema();
  let contents: string | undefined;
  if (where.inKey) {
    if (where.level === 'top') {
      const key = schema.bundleKeys.find((k) => k.key === entry.key);
      if (key) contents = `**${key.key}**\n\n${key.doc}\n\n*Source:* ${key.source}${key.verify ? ' (verify)' : ''}`;
    } else if (where.level === 'name') contents = personalitySummary(entry);
    else if (where.level === 'personality' || (where.level === 'nested' && (entry.key === 'IOClass' || entry.key === 'IOUserClass' || entry.key === 'IOServiceDEXTEntitlements'))) {
      const spec = schema.byKey.get(entry.key);
      if (spec) contents = keyMarkdown(spec) + (entry.key === 'IOServiceDEXTEntitlements' ? dextEntitlementsNote(where.level === 'personality', where.dict?.entry?.key) : '');
    }
    return contents ? { contents, start: entry.keySpan.start, end: entry.keySpan.end } : undefined;
  }
  if ((where.level !== 'personality' && where.level !== 'nested') || !entry.value) return undefined;
  contents = valueHover(context, entry);
  // Issue #17: what the loaded registry dumps have for this key.
  const inDumps = where.level === 'personality' ? matchingHover(context.workspace, context.file, entry) : undefined;
  if (inDumps) contents = contents ? `${contents}\n\n${inDumps}` : inDumps;
  return contents ? { contents, start: entry.value.start, end: entry.value.end } : undefined;
}
