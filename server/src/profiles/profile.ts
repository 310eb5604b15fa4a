// A provisioning profile: the CMS envelope opened, its plist parsed with our parser, and the
// fields the checks need. Cached per file version through WorkspaceFile.parsed.
import { decodePlistBytes, getValue, parsePlist, toValue } from '../plist';
import type { PlistDict, PlistDocument } from '../plist/types';
import type { WorkspaceFile } from '../workspace/files';
import { cmsContent } from './cms';

export interface ProvisioningProfile {
  name: string;
  uuid: string;
  teamIds: string[];
  appIdName: string;
  /** `TEAMID.com.example.app`, possibly ending in `*`. */
  applicationIdentifier: string;
  /** The part after the team prefix: what bundle ids it covers (`*` wildcards). */
  bundleIdPattern: string;
  entitlements: PlistDict;
  expirationDate?: Date;
  creationDate?: Date;
  deviceCount: number;
  provisionsAllDevices: boolean;
  getTaskAllow: boolean;
  platforms: string[];
  /** Development profiles list devices and allow a debugger. */
  kind: 'development' | 'distribution' | 'enterprise';
}

export type ProfileResult =
  | { ok: true; profile: ProvisioningProfile; plist: PlistDocument; plistText: string }
  | { ok: false; error: string };

export function readProfile(bytes: Uint8Array): ProfileResult {
  const envelope = cmsContent(bytes);
  if (!envelope.ok) return { ok: false, error: envelope.error };
  const decoded = decodePlistBytes(envelope.content);
  if (decoded.encoding === 'binary' || !decoded.text.includes('<plist')) return { ok: false, error: 'the envelope does not hold an XML plist' };
  const plist = parsePlist(decoded.text);
  const root = plist.root;
  if (root?.kind !== 'dict' || plist.problems.some((p) => p.code === 'plist-syntax')) return { ok: false, error: 'the plist inside the envelope does not parse' };
  const value = (key: string) => toValue(getValue(root, key));
  const str = (key: string) => (typeof value(key) === 'string' ? (value(key) as string) : '');
  const entitlements = getValue(root, 'Entitlements');
  if (entitlements?.kind !== 'dict') return { ok: false, error: 'the profile has no Entitlements dictionary' };
  const applicationIdentifier = String(toValue(getValue(entitlements, 'application-identifier')) ?? toValue(getValue(entitlements, 'com.apple.application-identifier')) ?? '');
  const teamIds = (value('TeamIdentifier') as unknown[] | undefined)?.filter((t): t is string => typeof t === 'string') ?? [];
  const prefix = applicationIdentifier.indexOf('.');
  const devices = value('ProvisionedDevices');
  const provisionsAllDevices = value('ProvisionsAllDevices') === true;
  const getTaskAllow = toValue(getValue(entitlements, 'get-task-allow')) === true || toValue(getValue(entitlements, 'com.apple.security.get-task-allow')) === true;
  const deviceCount = Array.isArray(devices) ? devices.length : 0;
  const date = (key: string) => (value(key) instanceof Date ? (value(key) as Date) : undefined);
  return {
    ok: true,
    plist,
    plistText: decoded.text,
    profile: {
      name: str('Name'),
      uuid: str('UUID'),
      teamIds,
      appIdName: str('AppIDName'),
      applicationIdentifier,
      bundleIdPattern: prefix >= 0 ? applicationIdentifier.slice(prefix + 1) : applicationIdentifier,
      entitlements,
      expirationDate: date('ExpirationDate'),
      creationDate: date('CreationDate'),
      deviceCount,
      provisionsAllDevices,
      getTaskAllow,
      platforms: ((value('Platform') as unknown[] | undefined) ?? []).filter((p): p is string => typeof p === 'string'),
      kind: provisionsAllDevices ? 'enterprise' : deviceCount > 0 || getTaskAllow ? 'development' : 'distribution',
    },
  };
}

export function profileOf(file: WorkspaceFile): ProfileResult {
  return file.parsed('profile', (f) => (f.bytes ? readProfile(f.bytes) : { ok: false, error: 'the file could not be read' }));
}

/** `*`-wildcard match, the way profiles and entitlement strings use it. */
export function wildcardMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const parts = pattern.split('*');
  if (!value.startsWith(parts[0]!) || !value.endsWith(parts[parts.length - 1]!)) return false;
  let at = parts[0]!.length;
  for (const part of parts.slice(1, -1)) {
    const found = value.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return at <= value.length - parts[parts.length - 1]!.length;
}

export function isExpired(profile: ProvisioningProfile, now = new Date()): boolean {
  return !!profile.expirationDate && profile.expirationDate.getTime() < now.getTime();
}

/** The human summary shown above a profile's plist by "DEXT: Show Provisioning Profile". */
export function describeProfile(bytes: Uint8Array, now = new Date()): { ok: true; summary: string; plistText: string } | { ok: false; error: string } {
  const result = readProfile(bytes);
  if (!result.ok) return result;
  const p = result.profile;
  const expiry = p.expirationDate ? `${p.expirationDate.toISOString().slice(0, 10)}${isExpired(p, now) ? ' (EXPIRED)' : ''}` : 'unknown';
  const summary = [
    '<!--',
    `  Provisioning profile: ${p.name || '(no name)'}`,
    `  UUID:                 ${p.uuid}`,
    `  Team:                 ${p.teamIds.join(', ') || 'unknown'}`,
    `  App ID:               ${p.applicationIdentifier}${p.appIdName ? ` (${p.appIdName})` : ''}`,
    `  Kind:                 ${p.kind}${p.platforms.length ? `, ${p.platforms.join('/')}` : ''}`,
    `  Devices:              ${p.provisionsAllDevices ? 'all devices' : p.deviceCount}`,
    `  Expires:              ${expiry}`,
    '  (decoded read-only by DEXT Tools; the signature is not verified)',
    '-->',
  ].join('\n');
  return { ok: true, summary, plistText: result.plistText };
}
