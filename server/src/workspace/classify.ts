// Content-based classification (driverkit.md §1): what a plist is, from the keys it holds. The
// Xcode targets refine this in the model (a target's CODE_SIGN_ENTITLEMENTS / INFOPLIST_FILE win).
import type { PlistDict } from '../plist/types';
import type { WorkspaceFile } from './files';

export type PlistRole = 'dext-entitlements' | 'app-entitlements' | 'entitlements' | 'dext-info-plist' | 'plist';

const DEXT_ENTITLEMENT = /^com\.apple\.developer\.driverkit($|\.transport\.|\.family\.|\.allow-any-userclient-access$|\.allow-third-party-userclients$)/;
const APP_ENTITLEMENT = /^com\.apple\.developer\.(system-extension\.install|driverkit\.userclient-access|driverkit\.communicates-with-drivers)$/;

function rootDict(file: WorkspaceFile): PlistDict | undefined {
  const root = file.plist.root;
  return root?.kind === 'dict' ? root : undefined;
}

/** Whether a dict is a DriverKit personality (a classic kext personality has no dext half). */
export function isDriverKitPersonality(dict: PlistDict): boolean {
  return dict.entries.some((e) => e.key === 'IOUserServerName' || e.key === 'IOUserClass');
}

/**
 * The role a plist has from its own content: `entitlements` when an entitlements file shows
 * neither side's keys (the model decides from its neighbours).
 */
export function plistRole(file: WorkspaceFile): PlistRole {
  return file.parsed('role', (f) => {
    const dict = rootDict(f);
    if (f.nameKind === 'entitlements') {
      const keys = dict?.entries.map((e) => e.key) ?? [];
      if (keys.some((k) => DEXT_ENTITLEMENT.test(k))) return 'dext-entitlements';
      if (keys.some((k) => APP_ENTITLEMENT.test(k))) return 'app-entitlements';
      return 'entitlements';
    }
    if (!dict) return 'plist';
    // An `ioreg -a -l` dump (root entry with IOObjectClass / children) holds drivers' personalities
    // deep inside: it is a registry dump, never a project Info.plist (issue #17).
    if (dict.entries.some((e) => e.key === 'IOObjectClass' || e.key === 'IORegistryEntryChildren')) return 'plist';
    for (const entry of dict.entries) {
      if (entry.key === 'IOKitPersonalities' && entry.value?.kind === 'dict') {
        for (const p of entry.value.entries) {
          if (p.value?.kind === 'dict' && isDriverKitPersonality(p.value)) return 'dext-info-plist';
        }
      }
      if (entry.key === 'CFBundlePackageType' && entry.value?.kind === 'string' && entry.value.text.trim() === 'DEXT') {
        return 'dext-info-plist';
      }
    }
    return 'plist';
  });
}
