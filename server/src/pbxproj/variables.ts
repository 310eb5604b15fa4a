// Xcode build-variable expansion: `$(VAR)`, `${VAR}`, `$VAR`, nested references and the common
// modifiers (`$(PRODUCT_NAME:rfc1034identifier)`). Anything that cannot be resolved makes the whole
// value unresolved, so that no check ever compares against a guess.
import type { BuildSettings } from './project';

const MAX_DEPTH = 32;

const MODIFIERS: Record<string, (s: string) => string> = {
  rfc1034identifier: (s) => s.replace(/[^A-Za-z0-9.-]/g, '-'),
  c99extidentifier: (s) => s.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1'),
  identifier: (s) => s.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1'),
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  base: (s) => {
    const file = s.slice(s.lastIndexOf('/') + 1);
    const dot = file.lastIndexOf('.');
    return dot > 0 ? file.slice(0, dot) : file;
  },
  file: (s) => s.slice(s.lastIndexOf('/') + 1),
  dir: (s) => (s.includes('/') ? s.slice(0, s.lastIndexOf('/') + 1) : ''),
  suffix: (s) => {
    const file = s.slice(s.lastIndexOf('/') + 1);
    const dot = file.lastIndexOf('.');
    return dot > 0 ? file.slice(dot) : '';
  },
  standardizepath: (s) => s,
  quote: (s) => s,
};

/** True when the text still holds a build-variable reference (`$(…)`, `${…}`). */
export function hasVariable(text: string): boolean {
  return /\$[({][A-Za-z_]/.test(text) || /\$[A-Za-z_]/.test(text);
}

/** `@VAR@` placeholders of CMake-style `.plist.in` templates (Karabiner's). */
const TEMPLATE_PLACEHOLDER = /@[A-Za-z0-9_]+@/;

/**
 * The value as written when it is a literal: no build-variable reference (`$(…)`, `${…}`) and no
 * `@VAR@` template placeholder; undefined otherwise. The one answer to "is this value known?":
 * a check never compares against a value that something else fills in.
 */
export function literalValue(text: string): string | undefined {
  const trimmed = text.trim();
  // An empty value is a literal too: a setting written `""` says "none", it is not unknown.
  return hasVariable(trimmed) || TEMPLATE_PLACEHOLDER.test(trimmed) ? undefined : trimmed;
}

/**
 * Expands every reference in `text` against `settings`. Returns undefined when a reference names
 * no setting, uses an unknown modifier, or the references recurse.
 */
export function expandVariables(text: string, settings: BuildSettings, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    const open = text[dollar + 1];
    if (open === '(' || open === '{') {
      const close = findClose(text, dollar + 2, open === '(' ? ')' : '}');
      if (close < 0) return undefined;
      const inner = expandVariables(text.slice(dollar + 2, close), settings, depth + 1);
      if (inner === undefined) return undefined;
      const value = lookup(inner, settings, depth);
      if (value === undefined) return undefined;
      out += value;
      i = close + 1;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(dollar + 1));
      if (!m) {
        out += '$';
        i = dollar + 1;
        continue;
      }
      const value = lookup(m[0], settings, depth);
      if (value === undefined) return undefined;
      out += value;
      i = dollar + 1 + m[0].length;
    }
  }
  return out;
}

function findClose(text: string, from: number, closer: string): number {
  const opener = closer === ')' ? '(' : '{';
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === opener) depth++;
    else if (c === closer) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function lookup(reference: string, settings: BuildSettings, depth: number): string | undefined {
  const [name, ...modifiers] = reference.split(':');
  let value: string | undefined;
  const raw = settings[name!];
  if (raw !== undefined) {
    const joined = Array.isArray(raw) ? raw.join(' ') : raw;
    // $(inherited) at the top of the chain is empty.
    value = expandVariables(joined, { ...settings, inherited: '' }, depth + 1);
  } else if (name === 'inherited') value = '';
  for (const modifier of modifiers) {
    const eq = modifier.indexOf('=');
    if (eq >= 0) {
      const op = modifier.slice(0, eq);
      const arg = modifier.slice(eq + 1);
      if (op === 'default') value = value === undefined || value === '' ? arg : value;
      else if (op === 'base' || op === 'file' || op === 'dir' || op === 'suffix') {
        if (value === undefined) return undefined;
      } else return undefined;
      continue;
    }
    const apply = MODIFIERS[modifier];
    if (!apply || value === undefined) return undefined;
    value = apply(value);
  }
  return value;
}

export function resolveBuildSetting(name: string, settings: BuildSettings): string | undefined {
  const raw = settings[name];
  if (raw === undefined) return undefined;
  return expandVariables(Array.isArray(raw) ? raw.join(' ') : raw, settings);
}
