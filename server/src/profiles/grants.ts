// Whether a profile's `Entitlements` grant what an entitlements file claims, as Xcode compares
// them (driverkit.md §2, story 3): a key missing from the profile fails; booleans must agree;
// every element of an array must be allowed by the profile's value (a profile `*` allows
// anything; strings match with `*` wildcards); transport match dicts are compared per element,
// key by key (see dictAllows). `$(VAR)` values are resolved first; a value that
// does not resolve is never reported. Which keys are compared: schemas/profile-entitlements.jsonc.
import { hasVariable } from '../pbxproj/variables';
import { getValue } from '../plist';
import type { PlistDict, PlistEntry, PlistNode, PlistScalar } from '../plist/types';
import { profileEntitlementsSchema } from '../knowledge/profile-entitlements';
import { wildcardMatch } from './wildcard';

const schema = profileEntitlementsSchema;

/** Whether Xcode compares this key of the entitlements file with the profile. */
export function isComparedKey(key: string, profileHasKey: boolean): boolean {
  const s = schema();
  const managed = s.managed.find((m) => m.key === key);
  if (managed) return !!managed.compareWhenProfileHasIt && profileHasKey;
  if (s.uncheckedPrefixes.some((p) => key.startsWith(p.prefix))) return false;
  return s.checkedKeys.some((k) => k.key === key) || s.checkedPrefixes.some((p) => key.startsWith(p.prefix));
}

/** Resolves `$(VAR)` in an entitlements string; undefined when it cannot be resolved. */
export type Resolve = (text: string) => string | undefined;

/** `$(AppIdentifierPrefix)` / `$(TeamIdentifierPrefix)` come from the signing team, then `resolveRest`. */
export function teamAwareResolver(teamId: string | undefined, resolveRest?: Resolve): Resolve {
  const names = schema().teamVariables.join('|');
  const team = new RegExp(`\\$(?:\\((?:${names})\\)|\\{(?:${names})\\})`, 'g');
  return (text) => {
    const replaced = teamId ? text.replace(team, `${teamId}.`) : text;
    if (!hasVariable(replaced)) return replaced;
    return resolveRest?.(replaced);
  };
}

export type Verdict = 'yes' | 'no' | 'unknown';

/** Nesting beyond this is not an entitlement value: undecided rather than deep recursion. */
const MAX_DEPTH = 16;

interface Comparison {
  resolve: Resolve;
  /** Remaining element comparisons: hostile sizes end undecided instead of taking quadratic time. */
  budget: number;
}

function every(items: PlistNode[], test: (n: PlistNode) => Verdict): Verdict {
  let out: Verdict = 'yes';
  for (const item of items) {
    const v = test(item);
    if (v === 'no') return 'no';
    if (v === 'unknown') out = 'unknown';
  }
  return out;
}

function some(items: PlistNode[], test: (n: PlistNode) => Verdict): Verdict {
  let out: Verdict = 'no';
  for (const item of items) {
    const v = test(item);
    if (v === 'yes') return 'yes';
    if (v === 'unknown') out = 'unknown';
  }
  return out;
}

function scalarAllows(granted: PlistScalar, value: PlistScalar, c: Comparison): Verdict {
  if (value.kind === 'string' && hasVariable(value.text)) {
    const resolved = c.resolve(value.text);
    if (resolved === undefined) return 'unknown';
    return granted.kind === 'string' && wildcardMatch(granted.text, resolved) ? 'yes' : 'no';
  }
  if (granted.kind !== value.kind) return 'no';
  switch (granted.kind) {
    case 'string':
      return wildcardMatch(granted.text, value.text) ? 'yes' : 'no';
    case 'true':
    case 'false':
      return 'yes';
    case 'integer':
    case 'real':
      if (granted.value === undefined || value.value === undefined) return 'unknown';
      return String(granted.value) === String(value.value) ? 'yes' : 'no';
    default:
      return granted.text.replace(/\s+/g, '') === value.text.replace(/\s+/g, '') ? 'yes' : 'no';
  }
}

/**
 * A match dict of the file is allowed by a profile dict when it carries every key of the profile
 * dict with an allowed value. Extra keys in the file only narrow the match (e.g. `idProduct` next
 * to the granted `idVendor`), so they are allowed; a missing one would widen it.
 */
function dictAllows(granted: PlistDict, value: PlistDict, c: Comparison, depth: number): Verdict {
  const grantedKeys = new Set(granted.entries.map((e) => e.key));
  return every(
    [...grantedKeys].map((k) => getValue(granted, k)!),
    (g) => {
      const v = getValue(value, g.entry!.key);
      return v ? allows(g, v, c, depth + 1) : 'no';
    },
  );
}

/** Whether the profile value `granted` allows the entitlements value `value`. */
export function allows(granted: PlistNode, value: PlistNode, c: Comparison, depth = 0): Verdict {
  if (granted.kind === 'string' && granted.text === '*') return 'yes';
  if (depth > MAX_DEPTH || --c.budget < 0) return 'unknown';
  if (value.kind === 'array') {
    return every(value.items, (item) => (granted.kind === 'array' ? some(granted.items, (g) => allows(g, item, c, depth + 1)) : allows(granted, item, c, depth + 1)));
  }
  if (granted.kind === 'array') return some(granted.items, (g) => allows(g, value, c, depth + 1));
  if (granted.kind === 'dict' || value.kind === 'dict') return granted.kind === 'dict' && value.kind === 'dict' ? dictAllows(granted, value, c, depth) : 'no';
  return scalarAllows(granted, value, c);
}

export interface UngrantedValue {
  entry: PlistEntry;
  /** `missing`: the profile lacks the key; `value`: the whole value differs; `element`: one array element. */
  kind: 'missing' | 'value' | 'element';
  /** The span at fault: the key, or the array element. */
  start: number;
  end: number;
  /** The value (or element) of the entitlements file at fault. */
  node?: PlistNode;
  /** What the profile grants for the key. */
  granted?: PlistNode;
}

/** Every key and array element of `claimed` (an entitlements root dict) that `granted` does not allow. */
export function ungrantedValues(claimed: PlistDict, granted: PlistDict, resolve: Resolve): UngrantedValue[] {
  const out: UngrantedValue[] = [];
  const comparison: Comparison = { resolve, budget: 100_000 };
  const last = new Map<string, PlistEntry>();
  for (const entry of claimed.entries) last.set(entry.key, entry);
  for (const entry of last.values()) {
    const value = entry.value;
    const grantedValue = getValue(granted, entry.key);
    if (!value || !isComparedKey(entry.key, !!grantedValue)) continue;
    const keySpan = { start: entry.keySpan.start, end: entry.keySpan.end };
    if (!grantedValue) {
      out.push({ entry, kind: 'missing', ...keySpan, node: value });
      continue;
    }
    // Per element when the profile lists values (or names one); a boolean or dict there differs as a whole.
    const perElement = grantedValue.kind === 'array' || (grantedValue.kind === 'string' && grantedValue.text !== '*');
    if (value.kind === 'array' && perElement) {
      for (const item of value.items) {
        const verdict = grantedValue.kind === 'array' ? some(grantedValue.items, (g) => allows(g, item, comparison, 1)) : allows(grantedValue, item, comparison, 1);
        if (verdict === 'no') out.push({ entry, kind: 'element', start: item.start, end: item.end, node: item, granted: grantedValue });
      }
      continue;
    }
    if (allows(grantedValue, value, comparison) === 'no') out.push({ entry, kind: 'value', ...keySpan, node: value, granted: grantedValue });
  }
  return out.sort((a, b) => a.start - b.start);
}
