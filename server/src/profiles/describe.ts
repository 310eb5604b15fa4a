// Words for profiles: their display name, why one was chosen, plist values in messages and hovers,
// and the summary of "DEXT: Show Provisioning Profile".
import type { PlistNode } from '../plist/types';
import type { WorkspaceFile } from '../workspace/files';
import type { AppliedProfile } from './match';
import { dayOf, isExpired, readProfile, type ProvisioningProfile } from './profile';

export function profileDisplayName(profile: ProvisioningProfile, file: WorkspaceFile): string {
  return profile.name || profile.uuid || file.path.slice(file.path.lastIndexOf('/') + 1);
}

/** `Provisioning profile "Name"`: the start of Xcode's own messages. */
export function profileLabel(applied: AppliedProfile): string {
  return `Provisioning profile "${profileDisplayName(applied.profile, applied.file)}"`;
}

/** Which profile was used and why, when several apply (empty when only one does). */
export function choiceSentence(applied: AppliedProfile, now = new Date()): string {
  const others = applied.candidates.slice(1);
  if (!others.length) return '';
  const newer = others.some((c) => isExpired(c.profile, now) === isExpired(applied.profile, now) && (c.profile.creationDate?.getTime() ?? 0) > (applied.profile.creationDate?.getTime() ?? 0));
  const why = applied.named
    ? 'the one the target names in PROVISIONING_PROFILE_SPECIFIER/PROVISIONING_PROFILE'
    : isExpired(applied.profile, now)
      ? 'the newest; all of them have expired'
      : newer
        ? 'the newest unexpired one with an explicit App ID, as wildcard App IDs cannot carry DriverKit capabilities'
        : 'the newest unexpired one';
  const names = others.slice(0, 3).map((c) => `"${profileDisplayName(c.profile, c.file)}"`);
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  return ` ${applied.candidates.length} profiles apply to ${applied.bundleId}; this is ${why} (the others: ${names.join(', ')}${more}).`;
}

const SCALAR_TEXT: Partial<Record<PlistNode['kind'], (n: Extract<PlistNode, { text: string }>) => string>> = {
  string: (n) => JSON.stringify(n.text),
  integer: (n) => n.text.trim(),
  real: (n) => n.text.trim(),
  date: (n) => n.text.trim(),
  data: () => '<data>',
};

/**
 * A plist value as compact text for messages: `[{ idVendor: 1452 }]`. Iterative and bounded:
 * stops after `max` characters with `…`.
 */
export function formatNode(root: PlistNode, max = 160): string {
  let out = '';
  const work: (PlistNode | string)[] = [root];
  while (work.length && out.length <= max) {
    const item = work.pop()!;
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    if (item.kind === 'true' || item.kind === 'false') out += item.kind;
    else if (item.kind === 'array') {
      const parts: (PlistNode | string)[] = ['['];
      item.items.forEach((n, i) => parts.push(...(i ? [', ', n] : [n])));
      parts.push(']');
      for (let i = parts.length - 1; i >= 0; i--) work.push(parts[i]!);
    } else if (item.kind === 'dict') {
      const parts: (PlistNode | string)[] = [item.entries.length ? '{ ' : '{'];
      item.entries.forEach((e, i) => {
        if (i) parts.push(', ');
        parts.push(`${e.key}: `, e.value ?? '?');
      });
      parts.push(item.entries.length ? ' }' : '}');
      for (let i = parts.length - 1; i >= 0; i--) work.push(parts[i]!);
    } else out += SCALAR_TEXT[item.kind]?.(item) ?? item.text;
  }
  return out.length > max || work.length ? out.slice(0, max) + '…' : out;
}

export type ProfileDescription = { ok: true; summary: string; plistText: string; document: string } | { ok: false; error: string };

/**
 * The header shown above a profile's plist by "DEXT: Show Provisioning Profile": an XML comment
 * (the document stays a plist). `document` is the plist with the header placed after its XML
 * declaration, which must stay first.
 */
export function describeProfile(bytes: Uint8Array, now = new Date()): ProfileDescription {
  const result = readProfile(bytes);
  if (!result.ok) return result;
  const p = result.profile;
  const expiry = p.expirationDate ? `${dayOf(p.expirationDate)}${isExpired(p, now) ? ' (EXPIRED)' : ''}` : 'unknown';
  const devices = p.provisionsAllDevices ? 'all devices' : p.deviceCount ? `${p.deviceCount} provisioned device${p.deviceCount === 1 ? '' : 's'}` : 'none listed';
  const team = p.teamIds.join(', ') || 'unknown';
  const lines = [
    `Provisioning profile: ${p.name || '(no name)'}`,
    `UUID:                 ${p.uuid || 'unknown'}`,
    `Team:                 ${team}${p.teamName ? ` (${p.teamName})` : ''}`,
    `App ID:               ${p.applicationIdentifier || 'unknown'}${p.appIdName ? ` (${p.appIdName})` : ''}`,
    `Type:                 ${p.kind} (${p.method})${p.platforms.length ? `, ${p.platforms.join('/')}` : ''}`,
    `Devices:              ${devices}`,
    `Created:              ${p.creationDate ? dayOf(p.creationDate) : 'unknown'}`,
    `Expires:              ${expiry}`,
    'Decoded read-only by DEXT Tools; the signature is not verified.',
  ];
  // `--` may not appear inside an XML comment.
  const summary = ['<!--', ...lines.map((l) => `  ${l.replace(/--/g, '- -')}`), '-->'].join('\n');
  const declaration = /^\s*<\?xml[^>]*\?>\r?\n?/.exec(result.plistText);
  const document = declaration
    ? `${declaration[0].trimEnd()}\n${summary}\n${result.plistText.slice(declaration[0].length)}`
    : `${summary}\n${result.plistText}`;
  return { ok: true, summary, plistText: result.plistText, document };
}
