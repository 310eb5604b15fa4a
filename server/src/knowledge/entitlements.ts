// The entitlements knowledge (schemas/entitlements.jsonc), typed, with the lookups the rules and
// editor features share.
import { loadSchema, type Confidence } from './load';

export type { Confidence } from './load';

export type EntitlementType = 'boolean' | 'usb-matches' | 'pci-matches' | 'bundle-ids';
export type EntitlementSide = 'dext' | 'app' | 'both';

export interface EntitlementInfo {
  key: string;
  type: EntitlementType;
  side: EntitlementSide;
  platforms: string[];
  docs: string;
  development?: string;
  approved?: string;
  /** Must not be in a dext; `severity` when the failure is not stated by a primary source. */
  forbidden?: { reason: string; severity?: 'warning' };
  /** Has no function (information only; harmless when the profile grants it). */
  defunct?: { reason: string };
  /** How the kernel reads the key: only `<true/>` counts, or any value (presence). */
  kernelCheck?: 'boolean' | 'presence';
  developmentValue?: { unlessWith: string[]; message: string };
  source: string;
  confidence: Confidence;
  verify?: boolean;
}


export interface NotEntitlement {
  key: string;
  reason: string;
  source: string;
  confidence: Confidence;
}

export type TransportValueKind = 'vendor' | 'integer' | 'integers' | 'pci-match';

export interface TransportInfo {
  name: string;
  key: string;
  providers: string[];
  /** Match dicts (USB, PCI); absent for boolean transports (HID). */
  requiredKey?: string;
  /** A match dict without any of these is not what Apple grants (USB: idVendor; PCI: any of four). */
  matchKeys?: string[];
  keys?: Record<string, TransportValueKind>;
  /** The development-only match dict (driverkit.md §5): any device, development signing only. */
  developmentMatch?: Record<string, string>;
  source: string;
  confidence: Confidence;
}

export interface PciMatchKeyInfo {
  register: string;
  reads: string;
}

/** An entitlement the kernel tests for presence only: `<false/>` acts like `<true/>`. */
export interface PresenceOnlyEntitlement {
  key: string;
  platforms: string[];
  /** What the key's presence does (completes "the kernel only checks that the key exists: …"). */
  effect: string;
  /** With one of these keys the dext needs the entitlement on (`<true/>`), not removed. */
  neededWith: string[];
  source: string;
  confidence: Confidence;
}

export interface PciBridgeClass {
  /** Base class and subclass, `0xBBSS`. */
  classCode: string;
  name: string;
  headerType: number;
  source: string;
  confidence: Confidence;
}

export interface PciBridgeInfo {
  entitlement: string;
  source: string;
  confidence: Confidence;
  classes: PciBridgeClass[];
}

interface EntitlementsSchema {
  prefixes: string[];
  entitlements: EntitlementInfo[];
  notEntitlements: NotEntitlement[];
  transports: TransportInfo[];
  pciMatchKeys: Record<string, PciMatchKeyInfo>;
  presenceOnly: PresenceOnlyEntitlement[];
  pciBridge: PciBridgeInfo;
  builtinDevices: BuiltinDevicesInfo;
}

export interface BuiltinDeviceProperty {
  /** The provider group (`hid`, `pci`) whose nubs carry the property. */
  group: string;
  property: string;
  /** The value that makes the device built-in; absent: the property's presence does. */
  value?: boolean;
  source: string;
  confidence: Confidence;
}

export interface BuiltinDevicesInfo {
  entitlement: string;
  providers: BuiltinDeviceProperty[];
}

let cache: { schema: EntitlementsSchema; byKey: Map<string, EntitlementInfo> } | undefined;

function schema() {
  if (!cache) {
    const s = loadSchema<EntitlementsSchema>('entitlements');
    cache = { schema: s, byKey: new Map(s.entitlements.map((e) => [e.key, e])) };
  }
  return cache;
}

export function entitlementInfo(key: string): EntitlementInfo | undefined {
  return schema().byKey.get(key);
}

export function knownEntitlements(): readonly EntitlementInfo[] {
  return schema().schema.entitlements;
}

export function notEntitlement(key: string): NotEntitlement | undefined {
  return schema().schema.notEntitlements.find((n) => n.key === key);
}

/** The key prefixes under which every key should be a known one. */
export function entitlementPrefixes(): readonly string[] {
  return schema().schema.prefixes;
}

export function transports(): readonly TransportInfo[] {
  return schema().schema.transports;
}

export function transportOfKey(key: string): TransportInfo | undefined {
  return schema().schema.transports.find((t) => t.key === key);
}

/** Transports whose value is an array of match dicts (USB, PCI). */
export function matchTransports(): TransportInfo[] {
  return schema().schema.transports.filter((t) => t.requiredKey && t.keys);
}

export function transportForProvider(providerClass: string): TransportInfo | undefined {
  return schema().schema.transports.find((t) => t.providers.includes(providerClass));
}

export function pciMatchKeys(): Record<string, PciMatchKeyInfo> {
  return schema().schema.pciMatchKeys;
}

export function isPciMatchKey(key: string): boolean {
  // Asked for every key of every personality on each keystroke: a set, made once.
  pciKeySet ??= new Set(Object.keys(schema().schema.pciMatchKeys));
  return pciKeySet.has(key);
}
let pciKeySet: Set<string> | undefined;

/** Whether a key belongs in a file of `side` (unknown keys: yes, nothing to say). */
export function belongsOn(info: EntitlementInfo, side: 'dext' | 'app'): boolean {
  return info.side === 'both' || info.side === side;
}

export function sideLabel(side: EntitlementSide): string {
  return side === 'dext' ? 'the dext' : side === 'app' ? 'the host app' : 'the dext and the host app';
}

/** Schema text is Markdown; diagnostics are plain text: `code` → 'code'. */
export function plainText(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, "'$1'");
}

/** The entitlement the kernel tests for presence only, if `key` is one. */
export function presenceOnlyEntitlement(key: string): PresenceOnlyEntitlement | undefined {
  return schema().schema.presenceOnly.find((e) => e.key === key);
}

/** PCI bridges: the extra entitlement they require and the class codes that have a bridge header. */
export function pciBridgeInfo(): PciBridgeInfo {
  return schema().schema.pciBridge;
}

/** Built-in devices: the Apple-internal entitlement they require and the nub property that marks them. */
export function builtinDevicesInfo(): BuiltinDevicesInfo {
  return schema().schema.builtinDevices;
}
