// Scalar values as CFPropertyList reads them: decimal and hex integers, reals with nan/inf,
// ISO 8601 dates, base64 data. A bad value gets a message that says what the syntax is.
import type { PlistScalar } from './types';

/** What `scalarValue` returns for text that does not parse; `invalidScalarMessage` says why. */
export const INVALID: unique symbol = Symbol('invalid scalar');

const DECIMAL = /^[+-]?[0-9]+$/;
const HEX = /^[+-]?0[xX][0-9a-fA-F]+$/;
const REAL = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function integerValue(text: string): number | bigint {
  // Up to 15 decimal or 13 hex digits always fit a double exactly: no BigInt needed.
  if (text.length <= 15 && !/[xX]/.test(text)) return Number(text);
  if (text.length <= 16) {
    const negative = text.startsWith('-');
    const digits = text.replace(/^[+-]?0[xX]/, '');
    if (digits.length <= 13) return (negative ? -1 : 1) * parseInt(digits, 16);
  }
  const negative = text.startsWith('-');
  const unsigned = text.replace(/^[+-]/, '');
  const big = BigInt(unsigned);
  const value = negative ? -big : big;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/**
 * The value of the common integers, decimal up to 15 digits (`1452`, `-1`) or hex up to 13 digits
 * (`0x5ac`), read digit by digit; undefined for anything else (spaces, signs before hex, big
 * numbers, bad text), which the regular expressions then decide. Integers are most of the
 * values of a personality: this keeps them off the regular-expression engine.
 */
function plainIntegerValue(text: string): number | undefined {
  const length = text.length;
  let k = 0;
  const first = text.charCodeAt(0);
  const negative = first === 45;
  if (negative || first === 43) k = 1;
  if (length - k >= 3 && text.charCodeAt(k) === 48 && (text.charCodeAt(k + 1) | 32) === 120) {
    if (negative || k > 0 || length > 15) return undefined;
    let value = 0;
    for (k = 2; k < length; k++) {
      const c = text.charCodeAt(k);
      const digit = c >= 48 && c <= 57 ? c - 48 : (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1;
      if (digit < 0) return undefined;
      value = value * 16 + digit;
    }
    return value;
  }
  if (length - k < 1 || length - k > 15) return undefined;
  let value = 0;
  for (; k < length; k++) {
    const digit = text.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

const isBlank = (text: string) => text.length === 0 || text.trim() === '';

/** The value of a scalar's text, or INVALID (no result object: this runs once per value). */
export function scalarValue(kind: PlistScalar['kind'], text: string): PlistScalar['value'] | typeof INVALID {
  switch (kind) {
    case 'string':
      return text;
    case 'true':
      return isBlank(text) ? true : INVALID;
    case 'false':
      return isBlank(text) ? false : INVALID;
    case 'integer': {
      const plain = plainIntegerValue(text);
      if (plain !== undefined) return plain;
      const t = text.trim();
      return DECIMAL.test(t) || HEX.test(t) ? integerValue(t) : INVALID;
    }
    case 'real': {
      const t = text.trim();
      if (REAL.test(t)) return Number(t);
      const lower = t.toLowerCase();
      if (lower === 'nan') return NaN;
      if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
      if (lower === '-inf' || lower === '-infinity') return -Infinity;
      return INVALID;
    }
    case 'date': {
      const t = text.trim();
      return DATE.test(t) && !Number.isNaN(Date.parse(t)) ? t : INVALID;
    }
    case 'data': {
      const compact = text.replace(/[\s]+/g, '');
      return BASE64.test(compact) ? compact : INVALID;
    }
  }
}

/** Why `scalarValue` found the text invalid, and what the syntax is. */
export function invalidScalarMessage(kind: PlistScalar['kind'], text: string): string {
  const t = text.trim();
  switch (kind) {
    case 'true':
    case 'false':
      return `<${kind}/> takes no content: write <${kind}/>.`;
    case 'integer':
      return `'${t}' is not an integer: write decimal digits (1452) or hex with 0x (0x5ac).`;
    case 'real':
      return `'${t}' is not a real number: write e.g. 1.5, -2, 3e8.`;
    case 'date':
      return `'${t}' is not a plist date: write ISO 8601 in UTC, e.g. 2024-01-31T12:00:00Z.`;
    default:
      return '<data> holds base64 (A–Z, a–z, 0–9, +, /, = padding): this text is not base64.';
  }
}
