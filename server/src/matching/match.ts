// IOKit's passive matching of a DriverKit personality against the entries of a registry dump, for
// the keys dexts use, each with the reason it fails: IOProviderClass (with superclasses), USB
// (QA1076 rows, `*`, idProductMask, idProductArray), PCI (IOPCI*Match, class register, tunnelling),
// HID usage keys, IOPropertyMatch, IONameMatch, IOResourceMatch. Pure: a personality's values and a
// dump in, a verdict with the closest entry and every differing key out. A value we cannot know
// (an unresolved build variable, a key the dump does not show) is "unknown", never a mismatch.
import type { PlistValue } from '../plist';
import { personalitySchema, type UsbRow } from '../knowledge/personalities';
import { defaultMaskFor, parsePciMatch } from '../dext/pci-match';
import { isKindOf, isKnownClass, isNubClass } from './classes';
import type { Props, RegistryDump, RegistryEntry } from './dump';
import { describeValue, entryLabel, hex, intOf, leDataOf, plistEqual } from './values';

export interface MatchPersonality {
  name: string;
  /** The personality's values (build variables already resolved where the workspace could). */
  values: Props;
  /** Keys whose value is a build variable the workspace cannot resolve. */
  unresolved: ReadonlySet<string>;
}

export interface Difference {
  key: string;
  /** The personality's value (for a missing row key: null). */
  expected: PlistValue | null;
  /** What the dump has (null when absent). */
  actual: PlistValue | null;
  /** One sentence, the way a developer reads it. */
  message: string;
}

/** A difference whose sentence is written only for the verdicts shown (most entries just differ). */
type LazyDifference = Omit<Difference, 'message'> & { message: () => string };

export interface UnknownKey {
  key: string;
  reason: string;
}

export interface EntryVerdict {
  entry: RegistryEntry;
  differences: Difference[];
  unknown: UnknownKey[];
  /** The USB row the personality matched (or would match) through. */
  row?: string[];
  /**
   * The probe score: for USB the row's score plus IOProbeScore (clamped to 9000 from 10000 up) less
   * 1000 per `*` among the row's keys and 500 when idProductMask was needed; else IOProbeScore.
   */
  score: number;
}

export interface Claim {
  entry: RegistryEntry;
  className: string;
  score?: number;
  matchCategory?: string;
  bundle?: string;
}

export type MatchStatus = 'matched' | 'no-match' | 'undetermined';

export interface PersonalityVerdict {
  personality: string;
  provider?: string;
  status: MatchStatus;
  /** Entries the personality matches (no difference, nothing unknown). */
  matches: EntryVerdict[];
  /** When nothing matches: the entry with the fewest differences (or only unknown keys). */
  closest?: EntryVerdict;
  /** Entries of the provider class in the dump. */
  candidates: number;
  /** Drivers already attached to the matched (else closest) entry. */
  claimedBy: Claim[];
  notes: string[];
}

const USB_INTERFACE_KEYS = new Set(['bInterfaceNumber', 'bConfigurationValue', 'bInterfaceClass', 'bInterfaceSubClass', 'bInterfaceProtocol']);
const USB_DEVICE_KEYS = new Set(['idVendor', 'idProduct', 'bcdDevice', 'bDeviceClass', 'bDeviceSubClass', 'bDeviceProtocol']);
const PCI_KEYS = ['IOPCIMatch', 'IOPCIPrimaryMatch', 'IOPCISecondaryMatch', 'IOPCIClassMatch'] as const;
const HID_SCALAR_KEYS = ['PrimaryUsagePage', 'PrimaryUsage', 'VendorID', 'ProductID', 'Transport', 'LocationID'];
const VENDOR_SPECIFIC = 0xff;

/** Collects a verdict's outcomes key by key. */
class Verdict {
  readonly differences: LazyDifference[] = [];
  readonly unknown: UnknownKey[] = [];
  row?: string[];
  wildcards = 0;
  /** The USB row's score, when the personality matched through it. */
  rowScore?: number;
  /** idProduct matched only under idProductMask. */
  masked = false;
  constructor(readonly entry: RegistryEntry) {}
  differ(key: string, expected: PlistValue | null, actual: PlistValue | null, message: () => string): void {
    this.differences.push({ key, expected, actual, message });
  }
  dunno(key: string, reason: string): void {
    if (!this.unknown.some((u) => u.key === key)) this.unknown.push({ key, reason });
  }
}

// ---------------------------------------------------------------------------------------------
// USB (Apple QA1076)

/** Where a USB key's value lives: the interface entry, else its device (device keys). */
function usbProperty(entry: RegistryEntry, key: string): PlistValue | undefined {
  if (entry.props[key] !== undefined) return entry.props[key];
  const parent = entry.parent;
  if (USB_DEVICE_KEYS.has(key) && parent?.className === 'IOUSBHostDevice') return parent.props[key];
  return undefined;
}

function isWildcard(value: PlistValue | undefined): boolean {
  return value === personalitySchema().usb.wildcard;
}

/** Whether a row is complete in the personality (every key present, stand-ins counted). */
function rowKeysPresent(row: UsbRow, values: Props): boolean {
  const standIns = personalitySchema().usb.standIns;
  return row.keys.every((k) => values[k] !== undefined || Object.entries(standIns).some(([standIn, target]) => target === k && values[standIn] !== undefined));
}

type KeyOutcome = { ok: true; wildcard?: boolean; masked?: boolean } | { ok: false; difference: Omit<LazyDifference, 'key'> } | { unknown: string };

function compareUsbKey(key: string, p: MatchPersonality, entry: RegistryEntry, label: () => string): KeyOutcome {
  if (p.unresolved.has(key)) return { unknown: `${key} is a build variable the project does not resolve` };
  const actualRaw = usbProperty(entry, key);
  const actual = intOf(actualRaw);
  if (key === 'idProduct' && p.values.idProduct === undefined && Array.isArray(p.values.idProductArray)) {
    const list = p.values.idProductArray.map(intOf).filter((n): n is number => n !== undefined);
    if (actual === undefined) return { unknown: `the dump has no idProduct for ${label()}` };
    if (list.includes(actual)) return { ok: true };
    return {
      ok: false,
      difference: {
        expected: p.values.idProductArray,
        actual,
        message: () => `idProductArray [${list.map((n) => hex(n)).join(', ')}] does not hold ${hex(actual)} (${actual}), the idProduct of ${label()}`,
      },
    };
  }
  const expected = p.values[key];
  if (isWildcard(expected)) return { ok: true, wildcard: true };
  const want = intOf(expected);
  if (want === undefined) return { unknown: `${key} is ${describeValue(expected)}, not an integer: the kernel compares integers` };
  if (actual === undefined) {
    if (actualRaw === undefined && USB_INTERFACE_KEYS.has(key) && entry.className === 'IOUSBHostDevice') {
      return { unknown: `${key} is an interface key: ${label()} is a device entry` };
    }
    return { ok: false, difference: { expected: want, actual: null, message: () => `${key} ${hex(want)} (${want}): ${label()} has no ${key}` } };
  }
  if (key === 'idProduct' && p.values.idProductMask !== undefined) {
    const mask = intOf(p.values.idProductMask);
    if (mask === undefined) return { unknown: `idProductMask is ${describeValue(p.values.idProductMask)}, not an integer` };
    if ((actual & mask) === (want & mask)) return { ok: true, masked: actual !== want };
    return {
      ok: false,
      difference: {
        expected: want,
        actual,
        message: () => `idProduct ${hex(want)} under idProductMask ${hex(mask)} ≠ ${hex(actual)} (${actual}) (masked: ${hex(want & mask)} vs ${hex(actual & mask)}) in the dump (${label()})`,
      },
    };
  }
  if (actual === want) return { ok: true };
  return { ok: false, difference: { expected: want, actual, message: () => `${key} ${hex(want)} (${want}) ≠ ${hex(actual)} (${actual}) in the dump (${label()})` } };
}

function rowLabel(row: UsbRow, values: Props): string[] {
  const standIns = personalitySchema().usb.standIns;
  const keys = row.keys.map((k) => (values[k] === undefined ? Object.keys(standIns).find((s) => standIns[s] === k && values[s] !== undefined) ?? k : k));
  return [...keys, ...row.optional.filter((k) => values[k] !== undefined)];
}

/**
 * The row a personality matches through: its most specific complete row (none or one), with its
 * label and every key compared. Besides the row's keys those are the personality's other keys of
 * the provider's rows: they must match too (IOUSBFamily's matcher, which QA1076 describes: on the
 * product rows the interface class keys count when present, `(!exists || matches)`, and a less
 * specific row is never tried instead). Once per personality and provider.
 */
interface MatchRow {
  row: UsbRow;
  label: string[];
  /** Every key compared: the row's, then the personality's other keys of the provider's rows. */
  keys: string[];
  /** The row's own keys (with its optional key when present): the wildcards that cost score. */
  rowKeys: string[];
  /** The row's probe score, before IOProbeScore and the penalties. */
  score: number;
}
const rowsByPersonality = new WeakMap<MatchPersonality, Map<string, { rows: UsbRow[]; match?: MatchRow }>>();
function usbRowsOf(p: MatchPersonality, providerKind: string): { rows: UsbRow[]; match?: MatchRow } {
  let byKind = rowsByPersonality.get(p);
  if (!byKind) rowsByPersonality.set(p, (byKind = new Map()));
  let found = byKind.get(providerKind);
  if (!found) {
    const rows = personalitySchema().usb.providers[providerKind]?.rows ?? [];
    const row = rows.find((r) => rowKeysPresent(r, p.values));
    found = { rows };
    if (row) {
      const optional = row.optional.filter((k) => p.values[k] !== undefined);
      const rowKeys = [...row.keys, ...optional];
      const present = (k: string) => p.values[k] !== undefined || (k === 'idProduct' && p.values.idProductArray !== undefined);
      const others = new Set(rows.flatMap((r) => [...r.keys, ...r.optional]).filter((k) => !rowKeys.includes(k) && present(k)));
      found.match = { row, label: rowLabel(row, p.values), keys: [...rowKeys, ...others], rowKeys, score: optional.length ? row.scoreWithOptional : row.score };
    }
    byKind.set(providerKind, found);
  }
  return found;
}

function matchUsb(v: Verdict, p: MatchPersonality, providerKind: 'IOUSBHostDevice' | 'IOUSBHostInterface', interfaceOnDevice: boolean): void {
  const { rows, match } = usbRowsOf(p, providerKind);
  const label = () => entryLabel(v.entry);
  if (!match) {
    // The row the personality is nearest to: the one using most of its keys for fewest missing.
    const present = (k: string) => p.values[k] !== undefined || (k === 'idProduct' && p.values.idProductArray !== undefined);
    let nearest: UsbRow | undefined;
    let best = -Infinity;
    for (const row of rows) {
      const fit = row.keys.filter(present).length - row.keys.filter((k) => !present(k)).length;
      if (fit > best) [nearest, best] = [row, fit];
    }
    if (!nearest) return;
    v.row = rowLabel(nearest, p.values);
    for (const key of nearest.keys) {
      if (present(key)) {
        const outcome = interfaceOnDevice && USB_INTERFACE_KEYS.has(key) ? undefined : compareUsbKey(key, p, v.entry, label);
        if (outcome && 'ok' in outcome && !outcome.ok) v.differences.push({ key, ...outcome.difference });
        continue;
      }
      const actual = intOf(usbProperty(v.entry, key));
      v.differ(key, null, actual ?? null, () =>
        `${key} is missing${actual !== undefined ? ` (the dump has ${hex(actual)} (${actual}))` : ''}: without it the personality is in no complete QA1076 row for ${providerKind} (${nearest!.keys.join(' + ')}) and never matches`);
    }
    return;
  }
  // The personality matches through its most specific complete row, or not at all: a less specific
  // row it also completes is not tried instead.
  const { row, label: rowKeys, keys, rowKeys: scored, score } = match;
  v.row = rowKeys;
  let wildcards = 0;
  let masked = false;
  for (const key of keys) {
    if (interfaceOnDevice && USB_INTERFACE_KEYS.has(key)) {
      v.dunno(key, `a system_profiler dump lists no interfaces: ${key} cannot be checked`);
      continue;
    }
    const outcome = compareUsbKey(key, p, v.entry, label);
    if ('unknown' in outcome) v.dunno(key, outcome.unknown);
    else if (outcome.ok) {
      if (outcome.wildcard && scored.includes(key)) wildcards++;
      masked ||= !!outcome.masked;
    } else v.differences.push({ key: key === 'idProduct' && p.values.idProduct === undefined ? 'idProductArray' : key, ...outcome.difference });
  }
  if (row.vendorSpecificOnly && !v.differences.length) {
    const classKey = providerKind === 'IOUSBHostDevice' ? 'bDeviceClass' : 'bInterfaceClass';
    const cls = intOf(interfaceOnDevice ? undefined : usbProperty(v.entry, classKey));
    if (cls === undefined) v.dunno(classKey, `this row applies to vendor-specific ${classKey} 0xff only and the dump has no ${classKey}`);
    else if (cls !== VENDOR_SPECIFIC) {
      v.differ(classKey, VENDOR_SPECIFIC, cls, () => `the ${rowKeys.join(' + ')} row applies to vendor-specific ${classKey} ${hex(VENDOR_SPECIFIC, 2)} only; ${label()} has ${classKey} ${hex(cls, 2)} (${cls})`);
    }
  }
  if (!v.differences.length) [v.wildcards, v.rowScore, v.masked] = [wildcards, score, masked];
}

/** A match's probe score (see EntryVerdict.score). */
function probeScore(p: MatchPersonality, usbRow?: { score: number; wildcards: number; masked: boolean }): number {
  const probe = intOf(p.values.IOProbeScore) ?? 0;
  if (!usbRow) return probe;
  const { probeScoreClamp, wildcardPenalty, maskPenalty } = personalitySchema().usb;
  const clamped = probe >= probeScoreClamp.from ? probeScoreClamp.to : probe;
  return usbRow.score + clamped - wildcardPenalty * usbRow.wildcards - (usbRow.masked ? maskPenalty : 0);
}

// ---------------------------------------------------------------------------------------------
// PCI (IOPCIFamily IOPCIBridge.cpp matcher; driverkit.md §7)

interface PciRegisters {
  primary?: number;
  secondary?: number;
  classRegister?: number;
}

function pciRegisters(entry: RegistryEntry): PciRegisters {
  const vendor = leDataOf(entry.props['vendor-id']);
  const device = leDataOf(entry.props['device-id']);
  const subVendor = leDataOf(entry.props['subsystem-vendor-id']);
  const subDevice = leDataOf(entry.props['subsystem-id']);
  const classCode = leDataOf(entry.props['class-code']);
  const revision = leDataOf(entry.props['revision-id']);
  const both = (hi: number | undefined, lo: number | undefined) => (hi !== undefined && lo !== undefined ? (((hi & 0xffff) << 16) | (lo & 0xffff)) >>> 0 : undefined);
  return {
    primary: both(device, vendor),
    secondary: both(subDevice, subVendor),
    classRegister: classCode !== undefined ? (((classCode & 0xffffff) << 8) | ((revision ?? 0) & 0xff)) >>> 0 : undefined,
  };
}

function isTunnelled(entry: RegistryEntry): boolean {
  for (let e: RegistryEntry | undefined = entry; e; e = e.parent) if (e.props.IOPCITunnelled === true) return true;
  return false;
}

function matchPci(v: Verdict, p: MatchPersonality): void {
  const regs = pciRegisters(v.entry);
  const label = () => entryLabel(v.entry);
  for (const key of PCI_KEYS) {
    const value = p.values[key];
    if (value === undefined) continue;
    if (p.unresolved.has(key)) {
      v.dunno(key, `${key} is a build variable the project does not resolve`);
      continue;
    }
    if (typeof value !== 'string') {
      v.dunno(key, `${key} is ${describeValue(value)}, not a string: the kernel misreads it (see pci-match-syntax)`);
      continue;
    }
    const terms = parsePciMatch(value, defaultMaskFor(key)).terms;
    const registers: { name: string; value: number | undefined }[] =
      key === 'IOPCIPrimaryMatch' ? [{ name: 'device/vendor register 0x00', value: regs.primary }]
      : key === 'IOPCISecondaryMatch' ? [{ name: 'subsystem register 0x2C', value: regs.secondary }]
      : key === 'IOPCIClassMatch' ? [{ name: 'class register 0x08', value: regs.classRegister }]
      : [{ name: 'device/vendor register 0x00', value: regs.primary }, { name: 'subsystem register 0x2C', value: regs.secondary }];
    const known = registers.filter((r) => r.value !== undefined);
    if (!known.length) {
      v.dunno(key, `the dump has no ${registers.map((r) => r.name).join(' or ')} for ${label()}`);
      continue;
    }
    const hit = known.some((r) => terms.some((t) => ((t.value & t.mask) >>> 0) === ((r.value! & t.mask) >>> 0)));
    if (hit) continue;
    const actual = known[0]!.value!;
    const described = known.map((r) => `${r.name} ${hex(r.value!, 8)}`).join(', ');
    const detail = key === 'IOPCIClassMatch'
      ? `class code ${hex(actual >>> 8, 6)}`
      : `vendor ${hex(actual & 0xffff)}, ${key === 'IOPCISecondaryMatch' ? 'subsystem' : 'device'} ${hex(actual >>> 16)}`;
    v.differ(key, value, actual, () => `${key} '${value.trim()}' matches none of ${described} (${detail}) in the dump (${label()})`);
  }
  if (isTunnelled(v.entry)) {
    const compatible = p.values.IOPCITunnelCompatible;
    if (compatible !== true) {
      v.differ('IOPCITunnelCompatible', compatible ?? null, true,
        () => `${label()} is tunnelled (Thunderbolt/USB4: IOPCITunnelled): the kernel matches it only with <key>IOPCITunnelCompatible</key><true/>${compatible === false ? ' (this personality says false)' : ''} and logs "needs \\"IOPCITunnelCompatible\\" key in plist"`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Generic IOService keys

/** Names IONameMatch compares: the registry name, IOName, `name` and every `compatible` string. */
function namesOf(entry: RegistryEntry): string[] {
  const out = [entry.name];
  const add = (v: PlistValue | undefined) => {
    if (typeof v === 'string') out.push(v);
    else if (Buffer.isBuffer(v)) for (const s of v.toString('latin1').split('\0')) if (s) out.push(s);
    else if (Array.isArray(v)) for (const item of v) add(item);
  };
  add(entry.props.IOName);
  add(entry.props.name);
  add(entry.props.compatible);
  return [...new Set(out)];
}

function matchGeneric(v: Verdict, p: MatchPersonality, dump: RegistryDump): void {
  const label = () => entryLabel(v.entry);
  const { values } = p;
  if (values.IONameMatch !== undefined) {
    if (p.unresolved.has('IONameMatch')) v.dunno('IONameMatch', 'IONameMatch is a build variable the project does not resolve');
    else {
      const wanted = (Array.isArray(values.IONameMatch) ? values.IONameMatch : [values.IONameMatch]).filter((s): s is string => typeof s === 'string');
      const names = namesOf(v.entry);
      if (!wanted.some((w) => names.includes(w))) {
        v.differ('IONameMatch', values.IONameMatch, names.join(', '), () => `IONameMatch ${wanted.map((w) => `'${w}'`).join(' or ')} is none of the names of ${label()} (${names.map((n) => `'${n}'`).join(', ')})`);
      }
    }
  }
  if (values.IOPropertyMatch !== undefined) {
    const dicts = (Array.isArray(values.IOPropertyMatch) ? values.IOPropertyMatch : [values.IOPropertyMatch]).filter(
      (d): d is Props => !!d && typeof d === 'object' && !Array.isArray(d) && !Buffer.isBuffer(d) && !(d instanceof Date),
    );
    const misses = dicts.map((d) => Object.entries(d).filter(([k, want]) => !plistEqual(want, v.entry.props[k])));
    if (dicts.length && !misses.some((m) => m.length === 0)) {
      const best = misses.reduce((a, b) => (b.length < a.length ? b : a));
      const [k, want] = best[0]!;
      const have = v.entry.props[k];
      v.differ('IOPropertyMatch', values.IOPropertyMatch, have ?? null,
        () => `IOPropertyMatch wants ${k} = ${describeValue(want)}; ${label()} has ${have === undefined ? `no ${k}` : describeValue(have)}${best.length > 1 ? ` (and ${best.length - 1} more propert${best.length > 2 ? 'ies' : 'y'} differ)` : ''}`);
    }
  }
  if (typeof values.IOResourceMatch === 'string' && !p.unresolved.has('IOResourceMatch')) {
    const resources = dump.entries.find((e) => e.className === 'IOResources');
    if (!resources) v.dunno('IOResourceMatch', 'the dump does not show IOResources, where resources are published');
    else if (resources.props[values.IOResourceMatch] === undefined) {
      v.differ('IOResourceMatch', values.IOResourceMatch, null, () => `IOResourceMatch '${values.IOResourceMatch}': the dump's IOResources publishes no such resource`);
    }
  }
  for (const key of HID_SCALAR_KEYS) {
    if (values[key] === undefined || !isKindOf(v.entry.className, 'IOHIDInterface') && !isKindOf(v.entry.className, 'IOHIDDevice')) continue;
    if (p.unresolved.has(key)) {
      v.dunno(key, `${key} is a build variable the project does not resolve`);
      continue;
    }
    const have = v.entry.props[key];
    if (have === undefined) v.dunno(key, `the dump has no ${key} for ${label()}`);
    else if (!plistEqual(values[key], have)) v.differ(key, values[key]!, have, () => `${key} ${describeValue(values[key])} ≠ ${describeValue(have)} in the dump (${label()})`);
  }
  if (Array.isArray(values.DeviceUsagePairs) && (isKindOf(v.entry.className, 'IOHIDInterface') || isKindOf(v.entry.className, 'IOHIDDevice'))) {
    const have = v.entry.props.DeviceUsagePairs;
    if (!Array.isArray(have)) v.dunno('DeviceUsagePairs', `the dump has no DeviceUsagePairs for ${label()}`);
    else {
      // Each wanted pair matches when the device lists a pair holding its keys with equal values.
      const ok = values.DeviceUsagePairs.some((want) => have.some((pair) => !!want && typeof want === 'object' && !Array.isArray(want) && !!pair && typeof pair === 'object' && Object.entries(want as Props).every(([k, x]) => plistEqual(x, (pair as Props)[k]))));
      if (!ok) v.differ('DeviceUsagePairs', values.DeviceUsagePairs, have, () => `DeviceUsagePairs: none of the personality's usage pairs is among the ${have.length} of ${label()}`);
    }
  }
  if (values.IOParentMatch !== undefined) v.dunno('IOParentMatch', 'IOParentMatch is not checked against dumps');
}

// ---------------------------------------------------------------------------------------------

function claimsOn(entry: RegistryEntry): Claim[] {
  return entry.children
    .filter((c) => !isNubClass(c.className) && !/UserClient$/.test(c.className))
    .map((c) => ({
      entry: c,
      className: c.className,
      score: intOf(c.props.IOProbeScore),
      matchCategory: typeof c.props.IOMatchCategory === 'string' ? c.props.IOMatchCategory : undefined,
      bundle: typeof c.props.CFBundleIdentifier === 'string' ? c.props.CFBundleIdentifier : undefined,
    }));
}

type LazyVerdict = Omit<EntryVerdict, 'differences'> & { differences: LazyDifference[] };

function materialize(v: LazyVerdict): EntryVerdict {
  return { ...v, differences: v.differences.map((d) => ({ key: d.key, expected: d.expected, actual: d.actual, message: d.message() })) };
}

/** The dump's entries that are a kind of a class, computed once per dump and class. */
const candidatesByDump = new WeakMap<RegistryDump, Map<string, RegistryEntry[]>>();
function entriesOfKind(dump: RegistryDump, className: string, exact: boolean): RegistryEntry[] {
  let byClass = candidatesByDump.get(dump);
  if (!byClass) candidatesByDump.set(dump, (byClass = new Map()));
  const key = `${exact ? '=' : '<'}${className}`;
  let list = byClass.get(key);
  if (!list) byClass.set(key, (list = dump.entries.filter((e) => (exact ? e.className === className : isKindOf(e.className, className)))));
  return list;
}

/** What a personality is matched with, decided once for all candidate entries. */
interface Plan {
  provider: string;
  usbKind?: 'IOUSBHostDevice' | 'IOUSBHostInterface';
  interfaceOnDevice: boolean;
  pci: boolean;
  /**
   * Cheap integer tests to shortlist entries before the full evaluation: for the row the personality
   * matches through (its most specific complete row), else for every USB key it holds.
   */
  usbTests?: { key: string; test: (n: number | undefined) => boolean }[];
  /**
   * When those tests are exact (a complete row, no unknown value, nothing but USB keys to compare),
   * an entry passing them all matches through the row without a full evaluation: its label,
   * wildcard count and score.
   */
  exactRow?: { label: string[]; wildcards: number; score: number; productUnderMask?: number };
}

/** Personality keys the USB tests do not cover: with any of them, every entry is fully evaluated. */
const NON_USB_MATCH_KEYS = ['IONameMatch', 'IOPropertyMatch', 'IOResourceMatch', 'IOParentMatch', 'DeviceUsagePairs', ...HID_SCALAR_KEYS];

/** An integer test for one USB key: true when the entry may satisfy it (unknowns never count). */
function usbTest(p: MatchPersonality, key: string, interfaceOnDevice: boolean): ((n: number | undefined) => boolean) | undefined {
  if (p.unresolved.has(key) || (interfaceOnDevice && USB_INTERFACE_KEYS.has(key))) return undefined;
  if (key === 'idProduct' && p.values.idProduct === undefined && Array.isArray(p.values.idProductArray)) {
    const list = new Set(p.values.idProductArray.map(intOf));
    return (n) => n !== undefined && list.has(n);
  }
  const value = p.values[key];
  if (isWildcard(value)) return undefined;
  const want = intOf(value);
  if (want === undefined) return undefined;
  const mask = key === 'idProduct' ? intOf(p.values.idProductMask) : undefined;
  return mask === undefined ? (n) => n === want : (n) => n !== undefined && (n & mask) === (want & mask);
}

function planOf(p: MatchPersonality, provider: string, dump: RegistryDump): Plan {
  const usbKind = isKindOf(provider, 'IOUSBHostInterface') ? 'IOUSBHostInterface' : isKindOf(provider, 'IOUSBHostDevice') ? 'IOUSBHostDevice' : undefined;
  const interfaceOnDevice = dump.format === 'system_profiler' && usbKind === 'IOUSBHostInterface';
  const plan: Plan = { provider, usbKind, interfaceOnDevice, pci: isKindOf(provider, 'IOPCIDevice') || PCI_KEYS.some((k) => p.values[k] !== undefined) };
  if (usbKind) {
    // The row the personality matches through (see usbRowsOf), else every key of the provider's rows it holds.
    const { rows, match } = usbRowsOf(p, usbKind);
    const keysOf = (r: UsbRow) => [...r.keys, ...r.optional].filter((k) => p.values[k] !== undefined || (k === 'idProduct' && p.values.idProductArray !== undefined));
    const keys = match ? match.keys : [...new Set(rows.flatMap(keysOf))];
    const tests = keys.flatMap((key) => {
      const test = usbTest(p, key, interfaceOnDevice);
      return test ? [{ key, test }] : [];
    });
    plan.usbTests = tests;
    const exact = match !== undefined && !match.row.vendorSpecificOnly && !plan.pci && !NON_USB_MATCH_KEYS.some((k) => p.values[k] !== undefined) &&
      match.keys.every((k) => isWildcard(p.values[k]) || tests.some((t) => t.key === k));
    const productUnderMask = p.values.idProductMask !== undefined ? intOf(p.values.idProduct) : undefined;
    if (exact) plan.exactRow = { label: match.label, wildcards: match.rowKeys.filter((k) => isWildcard(p.values[k])).length, score: match.score, productUnderMask };
  }
  return plan;
}

/**
 * The USB values of a candidate list as columns (NaN: absent), made once per list and key: the
 * shortlist reads numbers from arrays instead of property bags (1,000 personalities × 5,000
 * entries in tens of milliseconds).
 */
const columnsByList = new WeakMap<RegistryEntry[], Map<string, Float64Array>>();
function usbColumn(candidates: RegistryEntry[], key: string): Float64Array {
  let columns = columnsByList.get(candidates);
  if (!columns) columnsByList.set(candidates, (columns = new Map()));
  let column = columns.get(key);
  if (!column) {
    column = new Float64Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) column[i] = intOf(usbProperty(candidates[i]!, key)) ?? NaN;
    columns.set(key, column);
  }
  return column;
}

/** Per candidate: how many of the USB tests it fails (0: it may match; the full evaluation decides). */
function usbDistances(tests: NonNullable<Plan['usbTests']>, candidates: RegistryEntry[]): Uint16Array {
  const misses = new Uint16Array(candidates.length);
  for (const { key, test } of tests) {
    const column = usbColumn(candidates, key);
    for (let i = 0; i < column.length; i++) if (!test(Number.isNaN(column[i]!) ? undefined : column[i])) misses[i]!++;
  }
  return misses;
}

/** Entries fully evaluated besides the possible matches, when nothing matches: the nearest few. */
const NEAREST_EVALUATED = 8;

function evaluate(p: MatchPersonality, entry: RegistryEntry, dump: RegistryDump, plan: Plan): LazyVerdict {
  const v = new Verdict(entry);
  if (plan.usbKind) matchUsb(v, p, plan.usbKind, plan.usbKind === 'IOUSBHostInterface' && entry.className === 'IOUSBHostDevice');
  if (plan.pci) matchPci(v, p);
  matchGeneric(v, p, dump);
  const score = probeScore(p, v.rowScore !== undefined ? { score: v.rowScore, wildcards: v.wildcards, masked: v.masked } : undefined);
  return { entry, differences: v.differences, unknown: v.unknown, row: v.row, score };
}

/** The candidates worth a full evaluation: every possible match, then the nearest others. */
function shortlist(plan: Plan, candidates: RegistryEntry[]): { possible: RegistryEntry[]; nearest: () => RegistryEntry[] } {
  if (!plan.usbTests) return { possible: candidates, nearest: () => [] };
  const distances = usbDistances(plan.usbTests, candidates);
  return {
    possible: candidates.filter((_, i) => distances[i] === 0),
    // The nearest by distance, then document order: a counting pass, no sort.
    nearest: () => {
      const out: RegistryEntry[] = [];
      for (let d = 1; out.length < NEAREST_EVALUATED && d <= 0xffff; d++) {
        let any = false;
        for (let i = 0; i < candidates.length && out.length < NEAREST_EVALUATED; i++) {
          if (distances[i]! >= d) any = true;
          if (distances[i] === d) out.push(candidates[i]!);
        }
        if (!any) break;
      }
      return out;
    },
  };
}

/** Matches one personality against every entry of the dump. */
export function matchPersonality(p: MatchPersonality, dump: RegistryDump): PersonalityVerdict {
  const provider = typeof p.values.IOProviderClass === 'string' ? p.values.IOProviderClass : undefined;
  const verdict: PersonalityVerdict = { personality: p.name, provider, status: 'undetermined', matches: [], candidates: 0, claimedBy: [], notes: [] };
  if (!provider || p.unresolved.has('IOProviderClass')) {
    verdict.notes.push(provider ? 'IOProviderClass is a build variable the project does not resolve' : 'the personality has no IOProviderClass string');
    return verdict;
  }
  const plan = planOf(p, provider, dump);
  // system_profiler shows devices only: an interface personality is checked on its device keys.
  const candidates = plan.interfaceOnDevice ? entriesOfKind(dump, 'IOUSBHostDevice', true) : entriesOfKind(dump, provider, false);
  verdict.candidates = candidates.length;
  if (!isKnownClass(provider)) verdict.notes.push(`${provider} is not in our table of registry classes: entries of its subclasses are not recognised (verify)`);
  if (!candidates.length) {
    verdict.status = 'no-match';
    verdict.notes.push(`the dump has no ${provider} entry${dump.format === 'system_profiler' ? ' (system_profiler lists USB devices and PCI cards only)' : ''}`);
    return verdict;
  }
  let closest: LazyVerdict | undefined;
  let undetermined = false;
  // An entry that differs only in a refinement (bcdDevice, tunnelling) is closer than one with
  // another vendor or product.
  const weight = (key: string) => (key === 'IOPCITunnelCompatible' || key === 'bcdDevice' ? 2 : 4);
  const rank = (x: LazyVerdict) => x.differences.reduce((sum, d) => sum + weight(d.key), 0) + (x.unknown.length ? 1 : 0);
  const consider = (entry: RegistryEntry) => {
    const ev = evaluate(p, entry, dump, plan);
    if (!ev.differences.length && !ev.unknown.length) verdict.matches.push(materialize(ev));
    else {
      if (!ev.differences.length) undetermined = true;
      if (!closest || rank(ev) < rank(closest) || (rank(ev) === rank(closest) && ev.entry.index < closest.entry.index)) closest = ev;
    }
  };
  const { possible, nearest } = shortlist(plan, candidates);
  for (const entry of possible) {
    if (!plan.exactRow) consider(entry);
    else {
      // Every key of the row compared exactly and equal: the verdict a full evaluation would give.
      const { label, wildcards, score, productUnderMask } = plan.exactRow;
      const masked = productUnderMask !== undefined && intOf(usbProperty(entry, 'idProduct')) !== productUnderMask;
      verdict.matches.push({ entry, differences: [], unknown: [], row: label, score: probeScore(p, { score, wildcards, masked }) });
    }
  }
  if (!verdict.matches.length && !undetermined) for (const entry of nearest()) consider(entry);
  verdict.status = verdict.matches.length ? 'matched' : undetermined ? 'undetermined' : 'no-match';
  if (!verdict.matches.length && closest) verdict.closest = materialize(closest);
  const focus = verdict.matches[0]?.entry ?? closest?.entry;
  if (focus) verdict.claimedBy = claimsOn(focus);
  for (const note of dump.limitations) if (!verdict.notes.includes(note)) verdict.notes.push(note);
  return verdict;
}

/** What a system driver already attached to the entry means for this personality. */
export function competitionNote(verdict: PersonalityVerdict, personality: MatchPersonality): string | undefined {
  const claim = verdict.claimedBy[0];
  if (!claim) return undefined;
  const category = typeof personality.values.IOMatchCategory === 'string' ? personality.values.IOMatchCategory : undefined;
  const theirs = claim.matchCategory ?? 'IODefaultMatchCategory';
  const score = claim.score !== undefined ? ` with probe score ${claim.score}` : '';
  const who = `${claim.className}${claim.bundle ? ` (${claim.bundle})` : ''}`;
  if (claim.bundle && claim.bundle === personality.values.CFBundleIdentifier) {
    return `${who} is this dext: the dump was taken with it loaded on this entry.`;
  }
  if (category && category !== theirs) {
    return `${who} already holds this entry${score}; the personality's IOMatchCategory '${category}' lets the dext load beside it (both drivers then use the device).`;
  }
  return `${who} already holds this entry${score}: a driver that matched first (a built-in class driver claims a standard interface such as CDC-ACM or HID first) keeps it until the device is re-matched; the dext wins only with a higher probe score in the same match category, after a replug.`;
}
