// A provisioning profile: the CMS envelope opened, its plist parsed with our parser, and the
// fields the checks need. Cached per file version through WorkspaceFile.parsed.
import { decodePlistBytes, getValue, parsePlist, toValue } from '../plist';
import type { PlistDict, PlistNode } from '../plist/types';
import type { WorkspaceFile } from '../workspace/files';
import { cmsContent } from './cms';

/** How the profile is used, from its fields (Apple does not state it in one field). */
export type ProfileMethod = 'development' | 'ad hoc' | 'App Store' | 'Developer ID' | 'enterprise';

export interface ProvisioningProfile {
  name: string;
  uuid: string;
  teamIds: string[];
  teamName: string;
  appIdName: string;
  /** `TEAMID.com.example.app`, possibly ending in `*`. */
  applicationIdentifier: string;
  /** The part after the team prefix: the bundle ids it covers (`*` wildcards). */
  bundleIdPattern: string;
  /** The `Entitlements` dictionary: what the profile grants. */
  entitlements: PlistDict;
  expirationDate?: Date;
  creationDate?: Date;
  /** Number of `ProvisionedDevices`. */
  deviceCount: number;
  provisionsAllDevices: boolean;
  getTaskAllow: boolean;
  platforms: string[];
  method: ProfileMethod;
  kind: 'development' | 'distribution';
}

export type ProfileResult = { ok: true; profile: ProvisioningProfile; plistText: string } | { ok: false; error: string };

const APP_ID_KEYS = ['application-identifier', 'com.apple.application-identifier'];
const GET_TASK_ALLOW_KEYS = ['get-task-allow', 'com.apple.security.get-task-allow'];

/**
 * Development profiles allow a debugger (`get-task-allow`); macOS development profiles list
 * devices without it. Devices and an explicit `get-task-allow` false: ad hoc. All devices:
 * Developer ID (macOS) or enterprise. Neither: App Store.
 */
function methodOf(entitlements: PlistDict, deviceCount: number, allDevices: boolean, platforms: string[]): ProfileMethod {
  const taskAllow = GET_TASK_ALLOW_KEYS.map((k) => getValue(entitlements, k)).find((n) => n);
  if (taskAllow?.kind === 'true') return 'development';
  const mac = platforms.includes('OSX') || platforms.includes('macOS');
  if (allDevices) return mac ? 'Developer ID' : 'enterprise';
  if (deviceCount > 0) return !taskAllow && mac ? 'development' : 'ad hoc';
  return 'App Store';
}

const strings = (node: PlistNode | undefined): string[] =>
  node?.kind === 'array' ? node.items.flatMap((n) => (n.kind === 'string' ? [n.text] : [])) : node?.kind === 'string' ? [node.text] : [];

export function readProfile(bytes: Uint8Array): ProfileResult {
  const envelope = cmsContent(bytes);
  if (!envelope.ok) return envelope;
  const decoded = decodePlistBytes(envelope.content);
  if (decoded.encoding === 'binary') return { ok: false, error: 'the envelope holds a binary plist; profiles hold an XML plist' };
  if (!decoded.text.includes('<plist')) return { ok: false, error: 'the envelope does not hold a plist' };
  const plist = parsePlist(decoded.text);
  const root = plist.root;
  const syntax = plist.problems.find((p) => p.code === 'plist-syntax');
  if (syntax) return { ok: false, error: `the plist inside the envelope does not parse (${syntax.message})` };
  if (root?.kind !== 'dict') return { ok: false, error: 'the plist inside the envelope is not a dictionary' };
  const entitlements = getValue(root, 'Entitlements');
  if (entitlements?.kind !== 'dict') return { ok: false, error: 'the profile has no Entitlements dictionary' };
  const text = (key: string) => {
    const node = getValue(root, key);
    return node?.kind === 'string' ? node.text : '';
  };
  const date = (key: string) => {
    const value = toValue(getValue(root, key));
    return value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined;
  };
  const appIdNode = APP_ID_KEYS.map((k) => getValue(entitlements, k)).find((n) => n?.kind === 'string');
  const applicationIdentifier = appIdNode?.kind === 'string' ? appIdNode.text.trim() : '';
  const teamIds = strings(getValue(root, 'TeamIdentifier'));
  const devices = getValue(root, 'ProvisionedDevices');
  const deviceCount = devices?.kind === 'array' ? devices.items.length : 0;
  const provisionsAllDevices = getValue(root, 'ProvisionsAllDevices')?.kind === 'true';
  const platforms = strings(getValue(root, 'Platform'));
  const method = methodOf(entitlements, deviceCount, provisionsAllDevices, platforms);
  // The prefix is the team id, or an older App ID prefix: either way it ends at the first dot.
  const dot = applicationIdentifier.indexOf('.');
  return {
    ok: true,
    plistText: decoded.text,
    profile: {
      name: text('Name'),
      uuid: text('UUID'),
      teamIds,
      teamName: text('TeamName'),
      appIdName: text('AppIDName'),
      applicationIdentifier,
      bundleIdPattern: dot >= 0 ? applicationIdentifier.slice(dot + 1) : applicationIdentifier,
      entitlements,
      expirationDate: date('ExpirationDate'),
      creationDate: date('CreationDate'),
      deviceCount,
      provisionsAllDevices,
      getTaskAllow: GET_TASK_ALLOW_KEYS.some((k) => getValue(entitlements, k)?.kind === 'true'),
      platforms,
      method,
      kind: method === 'development' ? 'development' : 'distribution',
    },
  };
}

/** The profile of a workspace file (kind `profile`, raw bytes in `file.bytes`), cached per version. */
export function profileOf(file: WorkspaceFile): ProfileResult {
  return file.parsed('profile', (f) => (f.bytes ? readProfile(f.bytes) : { ok: false, error: 'its bytes could not be read' }));
}

export function isExpired(profile: ProvisioningProfile, now = new Date()): boolean {
  return !!profile.expirationDate && profile.expirationDate.getTime() < now.getTime();
}

/** `2026-11-24` */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}
