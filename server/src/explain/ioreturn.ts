// IOReturn numbers: the common table of schemas/ioreturn.jsonc, every printed form of a code
// (hex, signed and unsigned 32-bit decimal, `mach_error_string` text) computed from its low bits,
// and the mach/error.h layout for numbers outside the table.
import { ioReturnSchema, type IoReturnReading } from '../knowledge/ioreturn';

export interface IoReturnCode {
  name: string;
  /** The low bits given to `iokit_common_err()`. */
  code: number;
  /** The full 32-bit value, unsigned. */
  value: number;
  message: string;
  source: string;
  readings: IoReturnReading[];
}

/** The printed forms of a 32-bit error number. */
export interface NumberForms {
  hex: string;
  signed: number;
  unsigned: number;
}

/** mach/error.h: system in bits 26–31, subsystem in bits 14–25, code in bits 0–13. */
export interface ErrorLayout {
  system: number;
  subsystem: number;
  code: number;
  subsystemName?: string;
}

const SYSTEM_SHIFT = 26;
const SUB_SHIFT = 14;

export function formsOf(value: number): NumberForms {
  const unsigned = value >>> 0;
  return { hex: `0x${unsigned.toString(16).toUpperCase().padStart(8, '0')}`, signed: unsigned | 0, unsigned };
}

export function layoutOf(value: number): ErrorLayout {
  const unsigned = value >>> 0;
  const layout: ErrorLayout = {
    system: unsigned >>> SYSTEM_SHIFT,
    subsystem: (unsigned >>> SUB_SHIFT) & 0xfff,
    code: unsigned & 0x3fff,
  };
  const name = tables().subsystems.get(layout.subsystem);
  if (layout.system === tables().system && name) layout.subsystemName = name;
  return layout;
}

interface Tables {
  system: number;
  systemBits: number;
  codes: IoReturnCode[];
  byValue: Map<number, IoReturnCode>;
  byName: Map<string, IoReturnCode>;
  /** `mach_error_string` texts, longest first (so a prefix never shadows a longer message). */
  messages: { text: string; code: IoReturnCode }[];
  subsystems: Map<number, string>;
}

let cached: Tables | undefined;

function tables(): Tables {
  if (cached) return cached;
  const schema = ioReturnSchema();
  const system = schema.system.value;
  const systemBits = (system << SYSTEM_SHIFT) >>> 0;
  const codes = schema.codes.map((c): IoReturnCode => {
    const code = parseInt(c.code, 16);
    return { name: c.name, code, value: (systemBits | code) >>> 0, message: c.message, source: c.source, readings: c.dext ?? [] };
  });
  cached = {
    system,
    systemBits,
    codes,
    byValue: new Map(codes.map((c) => [c.value, c])),
    byName: new Map(codes.map((c) => [c.name.toLowerCase(), c])),
    messages: codes.map((c) => ({ text: c.message, code: c })).sort((a, b) => b.text.length - a.text.length),
    subsystems: new Map(schema.subsystems.map((s) => [s.sub, s.name])),
  };
  return cached;
}

export function ioReturnCodes(): readonly IoReturnCode[] {
  return tables().codes;
}

/** A common code by its 32-bit value (signed or unsigned). */
export function ioReturnByValue(value: number): IoReturnCode | undefined {
  return tables().byValue.get(value >>> 0);
}

/** `kIOReturnNotPermitted`, or without the prefix (`NotPermitted`), case-insensitively. */
export function ioReturnByName(name: string): IoReturnCode | undefined {
  const lower = name.toLowerCase();
  return tables().byName.get(lower) ?? tables().byName.get(`kioreturn${lower}`);
}

/** The code whose `mach_error_string` text starts `text` (the part after "(iokit/common) "). */
export function ioReturnByMessagePrefix(text: string): { code: IoReturnCode; length: number } | undefined {
  for (const m of tables().messages) {
    if (text.startsWith(m.text)) return { code: m.code, length: m.text.length };
  }
  return undefined;
}

/** Whether a 32-bit value is in IOKit's error system (0xE0000000–0xE3FFFFFF). */
export function isIoKitError(value: number): boolean {
  return (value >>> 0) >>> SYSTEM_SHIFT === tables().system;
}

/**
 * A number as logs and code print error numbers: `0xE00002E2` (also with 8 leading zeros or
 * sign-extended to 64 bits), `-536870174`, `3758097122`. Returns the unsigned 32-bit value, or
 * undefined for text that is not one 32-bit number.
 */
export function parseErrorNumber(text: string): number | undefined {
  const t = text.trim();
  const hex = /^0[xX]([0-9a-fA-F]{1,16})$/.exec(t);
  if (hex) {
    const digits = hex[1]!.replace(/^0+(?=.)/, '');
    if (digits.length > 8) {
      // 64-bit printings of a 32-bit value: zero-extended or sign-extended.
      const high = digits.slice(0, digits.length - 8).toLowerCase();
      const low = parseInt(digits.slice(-8), 16);
      if (high === 'ffffffff' && low >= 0x80000000) return low;
      return undefined;
    }
    return parseInt(digits, 16) >>> 0;
  }
  if (/^-[0-9]{1,10}$/.test(t)) {
    const n = Number(t);
    return n >= -0x80000000 ? n >>> 0 : undefined;
  }
  if (/^[0-9]{1,10}$/.test(t)) {
    const n = Number(t);
    return n <= 0xffffffff ? n : undefined;
  }
  return undefined;
}

export function ioKitSystemSource(): string {
  const schema = ioReturnSchema();
  return `${schema.system.source}; ${schema.subsystemsSource}`;
}
