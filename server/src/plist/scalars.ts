// Scalar values as CFPropertyList reads them: decimal and hex integers, reals with nan/inf,
// ISO 8601 dates, base64 data. A bad value gets a message that says what the syntax is.
import type { PlistScalar } from './types';

type Parsed = { ok: true; value: PlistScalar['value'] } | { ok: false; message: string };

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

export function parseScalarValue(kind: PlistScalar['kind'], text: string): Parsed {
  switch (kind) {
    case 'string':
      return { ok: true, value: text };
    case 'true':
      return text.trim() === '' ? { ok: true, value: true } : { ok: false, message: '<true/> takes no content: write <true/>.' };
    case 'false':
      return text.trim() === '' ? { ok: true, value: false } : { ok: false, message: '<false/> takes no content: write <false/>.' };
    case 'integer': {
      const t = text.trim();
      if (DECIMAL.test(t) || HEX.test(t)) return { ok: true, value: integerValue(t) };
      return { ok: false, message: `'${t}' is not an integer: write decimal digits (1452) or hex with 0x (0x5ac).` };
    }
    case 'real': {
      const t = text.trim();
      if (REAL.test(t)) return { ok: true, value: Number(t) };
      const lower = t.toLowerCase();
      if (lower === 'nan') return { ok: true, value: NaN };
      if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return { ok: true, value: Infinity };
      if (lower === '-inf' || lower === '-infinity') return { ok: true, value: -Infinity };
      return { ok: false, message: `'${t}' is not a real number: write e.g. 1.5, -2, 3e8.` };
    }
    case 'date': {
      const t = text.trim();
      if (DATE.test(t) && !Number.isNaN(Date.parse(t))) return { ok: true, value: t };
      return { ok: false, message: `'${t}' is not a plist date: write ISO 8601 in UTC, e.g. 2024-01-31T12:00:00Z.` };
    }
    case 'data': {
      const compact = text.replace(/[\s]+/g, '');
      if (BASE64.test(compact)) return { ok: true, value: compact };
      return { ok: false, message: '<data> holds base64 (A–Z, a–z, 0–9, +, /, = padding): this text is not base64.' };
    }
  }
}
