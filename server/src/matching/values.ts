// Reading registry property values the way the kernel compares them, and writing them the way a
// developer reads them (hex and decimal). Shared by the matcher, its reports and hover.
import type { PlistValue } from '../plist';
import type { Props, RegistryEntry } from './dump';

/** An integer property (number, bigint within range). */
export function intOf(value: PlistValue | undefined): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(value);
  return undefined;
}

/** A PCI config-space property (`<data>`, little-endian, as IOPCIFamily publishes it). */
export function leDataOf(value: PlistValue | undefined): number | undefined {
  if (!Buffer.isBuffer(value) || value.length === 0) return undefined;
  let n = 0;
  for (let i = Math.min(value.length, 4) - 1; i >= 0; i--) n = n * 256 + value[i]!;
  return n >>> 0;
}

export const hex = (n: number, digits = 4) => '0x' + (n >>> 0).toString(16).padStart(digits, '0');

/** `0x5740 (22336)`. */
export function hexDec(n: number, digits = 4): string {
  return `${hex(n, digits)} (${n})`;
}

/** A personality or registry value in one line, integers in hex and decimal. */
export function describeValue(value: PlistValue | null | undefined): string {
  if (value === null || value === undefined) return 'absent';
  if (typeof value === 'number') return Number.isInteger(value) ? hexDec(value) : String(value);
  if (typeof value === 'bigint') return `0x${value.toString(16)} (${value})`;
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Buffer.isBuffer(value)) return `<${value.toString('hex')}>`;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${k} = ${describeValue(v)}`).join(', ')}}`;
}

/** A JSON form for the CLI contract: numbers as numbers, data as hex text. */
export function jsonValue(value: PlistValue | null | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonValue);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  return value;
}

/** Deep equality of plist values, as OSObject::isEqualTo compares property values. */
export function plistEqual(a: PlistValue | undefined, b: PlistValue | undefined): boolean {
  const stack: [PlistValue | undefined, PlistValue | undefined][] = [[a, b]];
  while (stack.length) {
    const [x, y] = stack.pop()!;
    if ((typeof x === 'number' || typeof x === 'bigint') && (typeof y === 'number' || typeof y === 'bigint')) {
      const big = (n: number | bigint) => (typeof n === 'bigint' ? n : Number.isInteger(n) ? BigInt(n) : undefined);
      if (typeof x === typeof y ? x !== y : big(x) === undefined || big(x) !== big(y)) return false;
      continue;
    }
    if (Buffer.isBuffer(x) || Buffer.isBuffer(y)) {
      if (!Buffer.isBuffer(x) || !Buffer.isBuffer(y) || !x.equals(y)) return false;
      continue;
    }
    if (x instanceof Date || y instanceof Date) {
      if (!(x instanceof Date) || !(y instanceof Date) || x.getTime() !== y.getTime()) return false;
      continue;
    }
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], y[i]]);
      continue;
    }
    if (x && y && typeof x === 'object' && typeof y === 'object') {
      const xk = Object.keys(x);
      if (xk.length !== Object.keys(y).length) return false;
      for (const k of xk) {
        if (!Object.prototype.hasOwnProperty.call(y, k)) return false;
        stack.push([(x as Props)[k], (y as Props)[k]]);
      }
      continue;
    }
    if (x !== y) return false;
  }
  return true;
}

/** The device a USB entry belongs to: itself, or its parent for an interface. */
export function usbDeviceOf(entry: RegistryEntry): RegistryEntry | undefined {
  if (entry.className === 'IOUSBHostDevice') return entry;
  return entry.parent?.className === 'IOUSBHostDevice' ? entry.parent : undefined;
}

/** A short human label: vendor and product names when the dump has them, then the path. */
export function entryLabel(entry: RegistryEntry): string {
  const device = usbDeviceOf(entry) ?? entry;
  const str = (p: Props, ...keys: string[]) => {
    for (const k of keys) if (typeof p[k] === 'string' && (p[k] as string).trim()) return (p[k] as string).trim();
    return undefined;
  };
  const product = str(device.props, 'USB Product Name', 'kUSBProductString', 'IOName') ?? (device.name !== device.className ? device.name : undefined);
  const vendor = str(device.props, 'USB Vendor Name', 'kUSBVendorString');
  const what = product ? `${vendor ? `${vendor} ` : ''}'${product}'` : entry.className;
  return `${what} at ${entry.path}`;
}
