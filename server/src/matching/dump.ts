// Registry dumps: what `ioreg -a …` (the I/O Registry as an XML or binary plist) and
// `system_profiler -xml SPUSBDataType` / `SPPCIDataType` print, read with our own plist reader into
// one flat list of entries with parents and children. Recognised by content, whatever the file
// name; iterative and linear in the size of the dump.
import { parsePlist, parsePlistBytes, toValue, type PlistValue } from '../plist';
import type { PlistDocument } from '../plist/types';

export type DumpFormat = 'ioreg' | 'system_profiler';

export type Props = { [key: string]: PlistValue };

export interface RegistryEntry {
  /** Position in `RegistryDump.entries` (document order). */
  index: number;
  /** `IOObjectClass` (system_profiler: the class the entry stands for, e.g. `IOUSBHostDevice`). */
  className: string;
  /** `IORegistryEntryName`, else the class. */
  name: string;
  /** `IORegistryEntryLocation`, else a USB `locationID` in ioreg's 8-digit hex form. */
  location?: string;
  /** `IORegistryEntryID` when the dump has it. */
  id?: number;
  /** The path as `ioreg` prints it: `IOService:/…/name@location` (written when first read). */
  readonly path: string;
  props: Props;
  parent?: RegistryEntry;
  children: RegistryEntry[];
}

export interface RegistryDump {
  format: DumpFormat;
  entries: RegistryEntry[];
  /** What this kind of dump cannot tell (system_profiler: no interfaces, no drivers). */
  limitations: string[];
}

export type DumpRead = { ok: true; dump: RegistryDump } | { ok: false; error: string };

const CHILDREN = 'IORegistryEntryChildren';

const isDict = (v: PlistValue | undefined): v is Props =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v);

/** Whether a parsed plist is an I/O Registry or system_profiler dump (never a project Info.plist). */
export function dumpFormatOf(doc: PlistDocument): DumpFormat | undefined {
  const root = doc.root;
  if (!root) return undefined;
  const firstDict = root.kind === 'dict' ? root : root.kind === 'array' ? root.items.find((i) => i.kind === 'dict') : undefined;
  if (firstDict?.kind !== 'dict') return undefined;
  const keys = new Set(firstDict.entries.map((e) => e.key));
  if (keys.has('IOObjectClass') || keys.has('IORegistryEntryName') || keys.has('IORegistryEntryID') || keys.has(CHILDREN)) return 'ioreg';
  if (root.kind === 'array' && keys.has('_dataType') && keys.has('_items')) return 'system_profiler';
  return undefined;
}

/** Reads a dump from its bytes (XML in any encoding, or binary) or its text. */
export function readRegistryDump(input: Uint8Array | string): DumpRead {
  let doc: PlistDocument;
  try {
    doc = typeof input === 'string' ? parsePlist(input) : parsePlistBytes(input);
  } catch (error) {
    return { ok: false, error: `not a property list (${error instanceof Error ? error.message : String(error)})` };
  }
  // A truncated dump would read as "the device is not there": refuse it instead.
  // (A binary plist always carries an informational `binary-plist` note; without a root it did not decode.)
  const fatal = doc.problems.find((p) => p.code === 'plist-syntax') ?? (doc.binary && !doc.root ? doc.problems[0] : undefined);
  if (fatal) {
    const line = typeof input === 'string' && !doc.binary ? ` (line ${input.slice(0, fatal.start).split('\n').length})` : '';
    return { ok: false, error: `not a well-formed property list${line}: ${fatal.message}` };
  }
  if (!doc.root) return { ok: false, error: 'the property list is empty' };
  const format = dumpFormatOf(doc);
  if (!format) {
    return {
      ok: false,
      error: 'not a registry dump: expected the output of `ioreg -a …` (dicts with IOObjectClass) or `system_profiler -xml SPUSBDataType`',
    };
  }
  const value = toValue(doc.root);
  return { ok: true, dump: format === 'ioreg' ? fromIoreg(value) : fromSystemProfiler(value) };
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/** A path as a linked list of segments, joined only when read (see `Entry`). */
interface PathNode {
  segment: string;
  up?: PathNode;
}

function joinPath(node: PathNode): string {
  const segments: string[] = [];
  for (let n: PathNode | undefined = node; n; n = n.up) segments.push(n.segment);
  return segments.reverse().join('/');
}

/**
 * An entry whose path is joined from its ancestors' segments only when read: building every path
 * eagerly costs the square of the depth, and a hostile dump can nest 100,000 levels.
 */
class Entry implements RegistryEntry {
  readonly children: RegistryEntry[] = [];
  private written?: string;
  constructor(
    readonly index: number,
    readonly className: string,
    readonly name: string,
    readonly props: Props,
    readonly parent: RegistryEntry | undefined,
    readonly pathNode: PathNode,
    readonly location?: string,
    readonly id?: number,
  ) {}
  get path(): string {
    return (this.written ??= joinPath(this.pathNode));
  }
}

function ioregEntry(props: Props, parent: RegistryEntry | undefined, index: number, wholeTree: boolean): RegistryEntry {
  const className = typeof props.IOObjectClass === 'string' ? props.IOObjectClass : '(unknown class)';
  const name = typeof props.IORegistryEntryName === 'string' ? props.IORegistryEntryName : className;
  let location = typeof props.IORegistryEntryLocation === 'string' ? props.IORegistryEntryLocation : undefined;
  // USB entries are named `name@<locationID in hex>` by ioreg; dumps without the location key
  // still carry locationID.
  if (location === undefined && typeof props.locationID === 'number' && (className === 'IOUSBHostDevice' || className === 'IOUSBHostInterface')) {
    location = hex8(props.locationID);
  }
  const id = typeof props.IORegistryEntryID === 'number' ? props.IORegistryEntryID : undefined;
  const segment = location ? `${name}@${location}` : name;
  // The registry root prints as `IOService:`, its children as `IOService:/name@location`.
  const pathNode: PathNode = parent ? { segment, up: (parent as Entry).pathNode } : { segment: wholeTree ? 'IOService:' : `IOService:/…/${segment}` };
  return new Entry(index, className, name, props, parent, pathNode, location, id);
}

function fromIoreg(root: PlistValue | undefined): RegistryDump {
  const entries: RegistryEntry[] = [];
  const tops = Array.isArray(root) ? root : [root];
  // `ioreg -a -l` starts at the registry root; `-r -c Class` at matching entries deep in the
  // tree, whose ancestors the dump does not show.
  const wholeTree = tops.length === 1 && isDict(tops[0]) && (tops[0].IOObjectClass === 'IORegistryEntry' || tops[0].IORegistryEntryName === 'Root');
  const stack: [Props, RegistryEntry | undefined][] = [];
  for (let i = tops.length - 1; i >= 0; i--) {
    const top = tops[i];
    if (isDict(top)) stack.push([top, undefined]);
  }
  while (stack.length) {
    const [props, parent] = stack.pop()!;
    const entry = ioregEntry(props, parent, entries.length, wholeTree);
    entries.push(entry);
    parent?.children.push(entry);
    const children = props[CHILDREN];
    if (Array.isArray(children)) {
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (isDict(child)) stack.push([child, entry]);
      }
    }
  }
  return { format: 'ioreg', entries, limitations: [] };
}

/** `0x05ac  (Apple Inc.)`, `0x828f`, or system_profiler's localisation key for Apple's id. */
function profilerId(text: PlistValue | undefined): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.trim() === 'apple_vendor_id') return 0x05ac;
  const m = /^\s*0x([0-9a-f]{1,8})\b/i.exec(text);
  return m ? parseInt(m[1]!, 16) : undefined;
}

/** `bcd_device` `1.50` → 0x0150: the digits are BCD nibbles, so they read as hex. */
function profilerBcd(text: PlistValue | undefined): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^\s*([0-9a-f]{1,2})\.([0-9a-f]{1,2})\s*$/i.exec(text);
  return m ? (parseInt(m[1]!, 16) << 8) | parseInt(m[2]!.padEnd(2, '0'), 16) : undefined;
}

/** A PCI id from `SPPCIDataType` (`sppci_vendor-id` etc., `0x8086`) as ioreg's little-endian data. */
function pciData(text: PlistValue | undefined): Buffer | undefined {
  const n = profilerId(text);
  if (n === undefined) return undefined;
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/**
 * A USB item's field: `product_id` as current macOS prints it, or with the letter older versions
 * put in front to order the columns (`a_product_id`, `b_vendor_id`, `c_bcd_device`, `g_location_id`:
 * Mac OS X 10.7 in the public dump kept in test/fixtures/ioreg/).
 */
function usbKey(item: Props, name: string): PlistValue | undefined {
  if (item[name] !== undefined) return item[name];
  for (const [key, value] of Object.entries(item)) if (/^[a-z]_/.test(key) && key.slice(2) === name) return value;
  return undefined;
}

function pciKey(item: Props, name: string): PlistValue | undefined {
  for (const [key, value] of Object.entries(item)) if (key === name || key.endsWith(`_${name}`)) return value;
  return undefined;
}

function fromSystemProfiler(root: PlistValue | undefined): RegistryDump {
  const entries: RegistryEntry[] = [];
  const limitations = new Set<string>();
  const sections = Array.isArray(root) ? root.filter(isDict) : [];
  for (const section of sections) {
    const dataType = typeof section._dataType === 'string' ? section._dataType : 'system_profiler';
    const items = section._items;
    const stack: [Props, RegistryEntry | undefined, PathNode][] = [];
    const top: PathNode = { segment: `${dataType}:` };
    if (Array.isArray(items)) for (let i = items.length - 1; i >= 0; i--) if (isDict(items[i])) stack.push([items[i] as Props, undefined, top]);
    while (stack.length) {
      const [item, parent, parentPath] = stack.pop()!;
      const name = typeof item._name === 'string' ? item._name : '(unnamed)';
      const path: PathNode = { segment: name, up: parentPath };
      let entry: RegistryEntry | undefined;
      const props: Props = {};
      if (dataType === 'SPUSBDataType' && usbKey(item, 'product_id') !== undefined) {
        const vendor = profilerId(usbKey(item, 'vendor_id'));
        const product = profilerId(usbKey(item, 'product_id'));
        const bcd = profilerBcd(usbKey(item, 'bcd_device'));
        if (vendor !== undefined) props.idVendor = vendor;
        if (product !== undefined) props.idProduct = product;
        if (bcd !== undefined) props.bcdDevice = bcd;
        props['USB Product Name'] = name;
        const locationId = usbKey(item, 'location_id');
        if (typeof locationId === 'string') {
          const loc = /^0x([0-9a-f]{8})/i.exec(locationId);
          if (loc) props.locationID = parseInt(loc[1]!, 16);
        }
        entry = new Entry(entries.length, 'IOUSBHostDevice', name, props, undefined, path);
        limitations.add('system_profiler SPUSBDataType lists USB devices only: no interfaces (bInterfaceNumber, bInterfaceClass…), no bDeviceClass/bDeviceSubClass/bDeviceProtocol, no drivers. Interface personalities can only be checked against the device ids; run `ioreg -a -l -r -c IOUSBHostDevice` for the whole picture.');
      } else if (dataType === 'SPPCIDataType') {
        for (const key of ['vendor-id', 'device-id', 'subsystem-vendor-id', 'subsystem-id', 'revision-id']) {
          const data = pciData(pciKey(item, key));
          if (data) props[key] = data;
        }
        if (props['vendor-id']) {
          props.IOName = name;
          entry = new Entry(entries.length, 'IOPCIDevice', name, props, undefined, path);
          limitations.add('system_profiler SPPCIDataType has no class-code register, no tunnelling flag and no drivers: IOPCIClassMatch and IOPCITunnelCompatible cannot be checked; run `ioreg -a -l -r -c IOPCIDevice`.');
        }
      }
      if (entry) {
        entries.push(entry);
        parent?.children.push(entry);
      }
      const children = item._items;
      if (Array.isArray(children)) {
        for (let i = children.length - 1; i >= 0; i--) if (isDict(children[i])) stack.push([children[i] as Props, entry ?? parent, path]);
      }
    }
  }
  return { format: 'system_profiler', entries, limitations: [...limitations] };
}
