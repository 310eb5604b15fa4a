// PCI match strings (`IOPCIPrimaryMatch`, `IOPCIMatch`, `IOPCISecondaryMatch`, `IOPCIClassMatch`),
// read the way the kernel's matcher reads them (IOPCIFamily IOPCIBridge.cpp `matchKeys`): terms
// separated by whitespace, each `VALUE` or `VALUE&MASK`, hex with an optional `0x`; a device
// matches when any term satisfies
// `(VALUE & MASK) == (register & MASK)`. The kernel stops silently at the first character that is
// not whitespace, `&` or hex, so everything after a `,` or `|` is dropped. Shared by the
// entitlements (transport.pci) and the personalities (dext Info.plist). Linear, no backtracking.

export interface PciMatchTerm {
  /** Offsets in the decoded string. */
  start: number;
  end: number;
  value: number;
  mask: number;
  /** Whether the term wrote its mask (`&0x…`); otherwise `mask` is the key's default. */
  explicitMask: boolean;
}

export type PciMatchProblemKind = 'separator' | 'invalid-character' | 'too-many-digits' | 'empty' | 'missing-digits';

export interface PciMatchProblem {
  kind: PciMatchProblemKind;
  start: number;
  end: number;
  message: string;
  /** Set when the problem changes nothing the kernel compares (a warning, not an error). */
  severity?: 'warning';
}

export interface PciMatchParse {
  /** The terms the kernel reads (those before the point where it stops) and that can match a device. */
  terms: PciMatchTerm[];
  /**
   * Terms the kernel reads but that can never match: with more than 8 hex digits, value and mask
   * share a bit above the 32nd, which no 32-bit register has (value and mask keep their low 32 bits).
   */
  unmatchable: PciMatchTerm[];
  /** Where the kernel stops reading, when that is before the end of the string. */
  stoppedAt?: number;
  problems: PciMatchProblem[];
}

const FULL_MASK = 0xffffffff;
/** `IOPCIClassMatch` compares class code and subclass/prog-if by default, not the revision. */
export const CLASS_MATCH_DEFAULT_MASK = 0xffffff00;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

function hex32(n: number): string {
  return '0x' + (n >>> 0).toString(16).padStart(8, '0');
}

/** Reads `[0x]HEX…` at `i`; returns the digits' span. */
function readNumber(text: string, i: number): { digitsStart: number; end: number } {
  let j = i;
  if (text[j] === '0' && (text[j + 1] === 'x' || text[j + 1] === 'X') && isHex(text.charCodeAt(j + 2))) j += 2;
  const digitsStart = j;
  while (j < text.length && isHex(text.charCodeAt(j))) j++;
  return { digitsStart, end: j };
}

export function parsePciMatch(text: string, defaultMask = FULL_MASK): PciMatchParse {
  const terms: PciMatchTerm[] = [];
  const unmatchable: PciMatchTerm[] = [];
  const problems: PciMatchProblem[] = [];
  const stop = (at: number): PciMatchParse => {
    const c = text[at]!;
    const separator = c === ',' || c === '|' || c === ';';
    problems.push({
      kind: separator && c !== ';' ? 'separator' : 'invalid-character',
      start: at,
      end: at + 1,
      message: separator
        ? `'${c}' is not a separator here: the kernel stops reading at it and silently drops every later term. Separate terms with spaces.`
        : `'${c}' is not hex: the kernel stops reading at it and silently drops the rest of the string. Terms are 0xVALUE or 0xVALUE&0xMASK, separated by spaces.`,
    });
    return { terms, unmatchable, stoppedAt: at, problems };
  };
  // IOPCIBridge::matchKeys reads each number with the kernel's strtoul into a 64-bit integer and
  // compares `(value & mask) == (reg & mask)` with a 32-bit register: digits past the 8th are
  // compared against zero bits.
  const tooLong = (from: number, to: number, never: boolean) => {
    if (to - from <= 8) return;
    const digits = `'${text.slice(from, to)}' has ${to - from} hex digits`;
    problems.push(
      never
        ? {
            kind: 'too-many-digits',
            start: from,
            end: to,
            message: `${digits}: the kernel reads a 64-bit number and compares (value & mask) with a 32-bit PCI register, so with value and mask sharing a bit above the 32nd this term can never match. Write 8 hex digits.`,
          }
        : {
            kind: 'too-many-digits',
            start: from,
            end: to,
            severity: 'warning',
            message: `${digits}: a PCI register is 32 bits, and only the low 8 digits take part in the comparison here (the others are zero or masked off). Write 8 hex digits.`,
          },
    );
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const termStart = i;
    const value = readNumber(text, i);
    if (value.end === value.digitsStart) return stop(i);
    i = value.end;
    const v = parseHex64(text, value.digitsStart, value.end);
    let mask = { high: 0, low: defaultMask >>> 0 };
    let maskDigits: { digitsStart: number; end: number } | undefined;
    if (text[i] === '&') {
      const m = readNumber(text, i + 1);
      if (m.end === m.digitsStart) {
        tooLong(value.digitsStart, value.end, false);
        problems.push({ kind: 'missing-digits', start: i, end: i + 1, message: "'&' must be followed by a hex mask (0xVALUE&0xMASK)." });
        return { terms, unmatchable, stoppedAt: i, problems };
      }
      mask = parseHex64(text, m.digitsStart, m.end);
      maskDigits = m;
      i = m.end;
    }
    const never = (v.high & mask.high) !== 0;
    tooLong(value.digitsStart, value.end, never);
    if (maskDigits) tooLong(maskDigits.digitsStart, maskDigits.end, never);
    (never ? unmatchable : terms).push({ start: termStart, end: i, value: v.low, mask: mask.low, explicitMask: maskDigits !== undefined });
    if (i < n && !isSpace(text.charCodeAt(i))) return stop(i);
  }
  if (!terms.length && !unmatchable.length) problems.push({ kind: 'empty', start: 0, end: n, message: 'The match string holds no term: it matches nothing. Write 0xDEVICEVENDOR&0xMASK terms, e.g. 0x000010b5&0x0000ffff.' });
  return { terms, unmatchable, problems };
}

/**
 * A hex digit string as the kernel's `strtoul` reads it into a 64-bit `unsigned long` (more than 16
 * significant digits saturate to ULONG_MAX), split into its high and low 32 bits.
 */
function parseHex64(text: string, from: number, to: number): { high: number; low: number } {
  let start = from;
  while (start < to && text[start] === '0') start++;
  if (to - start > 16) return { high: 0xffffffff, low: 0xffffffff };
  const split = Math.max(start, to - 8);
  const low = split < to ? parseInt(text.slice(split, to), 16) >>> 0 : 0;
  const high = start < split ? parseInt(text.slice(start, split), 16) >>> 0 : 0;
  return { high, low };
}

/** The text with every `,`/`|` separator replaced by a space, if that makes it parse cleanly. */
export function separatorRepair(text: string, defaultMask = FULL_MASK): { positions: number[] } | undefined {
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === ',' || text[i] === '|') positions.push(i);
  if (!positions.length) return undefined;
  const repaired = text.replace(/[,|]/g, ' ');
  return parsePciMatch(repaired, defaultMask).problems.length ? undefined : { positions };
}

/** A 16-bit half of a term: its value when the mask covers it fully, 'any' when not at all. */
export function half(term: PciMatchTerm, high: boolean): number | 'any' | { value: number; mask: number } {
  const shift = high ? 16 : 0;
  const mask = (term.mask >>> shift) & 0xffff;
  const value = (term.value >>> shift) & 0xffff;
  if (mask === 0xffff) return value;
  if (mask === 0) return 'any';
  return { value: value & mask, mask };
}

/** The vendor id a term of a register-0x00 match requires (low 16 bits). */
export function vendorOfTerm(term: PciMatchTerm): number | 'any' | undefined {
  const h = half(term, false);
  return typeof h === 'object' ? undefined : h;
}

/** Whether an entitlement term allows a device whose vendor is `vendor`. */
export function termAllowsVendor(term: PciMatchTerm, vendor: number): boolean {
  const mask = term.mask & 0xffff;
  return (vendor & mask) === (term.value & mask);
}

const hex4 = (n: number) => '0x' + n.toString(16).padStart(4, '0');

function describeHalf(h: ReturnType<typeof half>, name: string): string {
  if (h === 'any') return `any ${name}`;
  if (typeof h === 'number') return `${name} ${hex4(h)} (${h})`;
  return `${name} ${hex4(h.value)} under mask ${hex4(h.mask)}`;
}

/** One line per term, for hover: what the term matches. */
export function describeTerm(key: string, term: PciMatchTerm): string {
  const written = `\`${hex32(term.value)}&${hex32(term.mask)}\`${term.explicitMask ? '' : ' (default mask)'}`;
  if (key === 'IOPCIClassMatch') {
    const classCode = (term.value >>> 8) & 0xffffff;
    const classMask = (term.mask >>> 8) & 0xffffff;
    const base = (classCode >>> 16) & 0xff;
    const sub = (classCode >>> 8) & 0xff;
    const progIf = classCode & 0xff;
    const parts = [
      (classMask >>> 16) & 0xff ? `class 0x${base.toString(16).padStart(2, '0')}` : 'any class',
      (classMask >>> 8) & 0xff ? `subclass 0x${sub.toString(16).padStart(2, '0')}` : 'any subclass',
      classMask & 0xff ? `prog-if 0x${progIf.toString(16).padStart(2, '0')}` : 'any prog-if',
    ];
    if (term.mask & 0xff) parts.push(`revision 0x${(term.value & 0xff).toString(16).padStart(2, '0')}`);
    return `${written}: ${parts.join(', ')}`;
  }
  const secondary = key === 'IOPCISecondaryMatch';
  const vendor = describeHalf(half(term, false), secondary ? 'subsystem vendor' : 'vendor');
  const device = describeHalf(half(term, true), secondary ? 'subsystem' : 'device');
  const either = key === 'IOPCIMatch' ? ' (device ids, or else subsystem ids)' : '';
  const anyDevice = term.mask === 0 ? ' — matches **any** device' : '';
  return `${written}: ${vendor}, ${device}${either}${anyDevice}`;
}

export function defaultMaskFor(key: string): number {
  return key === 'IOPCIClassMatch' ? CLASS_MATCH_DEFAULT_MASK : FULL_MASK;
}
