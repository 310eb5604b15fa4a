// Dumps and personalities for the matcher's tests.
import { readFileSync } from 'node:fs';
import { readRegistryDump, type RegistryDump } from '../../../server/src/matching/dump';
import { matchPersonality, type MatchPersonality, type PersonalityVerdict } from '../../../server/src/matching/match';
import type { Props } from '../../../server/src/matching/dump';
import { fixturePath } from '../../helpers/workspace';

export function fixtureDump(name: string): RegistryDump {
  const read = readRegistryDump(readFileSync(fixturePath('ioreg', name)));
  if (!read.ok) throw new Error(`${name}: ${read.error}`);
  return read.dump;
}

/** A dump from inline ioreg-style entries (`children` nest them). */
export function inlineDump(entries: Props[]): RegistryDump {
  const read = readRegistryDump(`<plist version="1.0">${plistXml(entries)}</plist>`);
  if (!read.ok) throw new Error(read.error);
  return read.dump;
}

function plistXml(v: unknown): string {
  if (Buffer.isBuffer(v)) return `<data>${v.toString('base64')}</data>`;
  if (Array.isArray(v)) return `<array>${v.map(plistXml).join('')}</array>`;
  if (typeof v === 'boolean') return v ? '<true/>' : '<false/>';
  if (typeof v === 'number') return `<integer>${v}</integer>`;
  if (typeof v === 'string') return `<string>${v}</string>`;
  if (v && typeof v === 'object') return `<dict>${Object.entries(v).map(([k, x]) => `<key>${k}</key>${plistXml(x)}`).join('')}</dict>`;
  throw new Error(`cannot write ${String(v)}`);
}

/** Little-endian 32-bit `<data>`, as IOPCIFamily publishes config-space ids. */
export const le32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

export function personality(values: Props, unresolved: string[] = []): MatchPersonality {
  return { name: 'Test', values, unresolved: new Set(unresolved) };
}

export function match(values: Props, dump: RegistryDump, unresolved: string[] = []): PersonalityVerdict {
  return matchPersonality(personality(values, unresolved), dump);
}

/** `key: message` of the closest entry's differences. */
export function differences(v: PersonalityVerdict): string[] {
  return (v.closest?.differences ?? []).map((d) => `${d.key}: ${d.message}`);
}
