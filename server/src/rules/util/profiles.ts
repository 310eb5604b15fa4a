// What the profile rules share: naming the profile used, and deciding whether a profile's
// Entitlements value allows an entitlements-file value (booleans agree, arrays element by
// element, `*` allows anything, strings match with `*` wildcards, dicts key by key).
import type { AppliedProfile } from '../../profiles';
import { wildcardMatch } from '../../profiles';
import type { PlistValue } from '../../plist';

export function profileLabel(applied: AppliedProfile): string {
  const name = applied.profile.name || applied.profile.uuid || applied.file.path.slice(applied.file.path.lastIndexOf('/') + 1);
  const which = applied.candidates > 1 ? ` (the newest unexpired of ${applied.candidates} profiles for this bundle id)` : '';
  return `Provisioning profile "${name}"${which}`;
}

function isPlainObject(v: unknown): v is Record<string, PlistValue> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}

/** Whether one profile value allows one entitlements value (scalars and dicts). */
export function allowsScalar(allowed: PlistValue | undefined, value: PlistValue): boolean {
  if (allowed === '*') return true;
  if (Array.isArray(allowed)) return allowed.some((a) => allowsScalar(a, value));
  if (typeof allowed === 'string' && typeof value === 'string') return wildcardMatch(allowed, value);
  if (isPlainObject(allowed) && isPlainObject(value)) {
    const keys = new Set([...Object.keys(allowed), ...Object.keys(value)]);
    return [...keys].every((k) => k in allowed && k in value && allowsScalar(allowed[k], value[k]!));
  }
  if (typeof allowed === 'bigint' || typeof value === 'bigint') return String(allowed) === String(value);
  return allowed === value;
}

/** Describes a profile value for messages. */
export function describeAllowed(allowed: PlistValue | undefined): string {
  if (allowed === undefined) return 'nothing (the key is absent)';
  const json = JSON.stringify(allowed, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  return json.length > 160 ? json.slice(0, 157) + '…' : json;
}
