// Build settings the way Xcode layers them, per configuration: defaults < project xcconfig <
// project settings < target xcconfig < target settings (Xcode Help, "Configure build settings";
// Build settings reference, "Build setting evaluation"). Each level is a list of assignments,
// possibly conditional (`NAME[sdk=driverkit*][arch=arm64][config=Debug]`); `$(inherited)` is the
// value of the level below. Every resulting value remembers where it was set (file and offsets).
// Independent of the project's format: the pbxproj reader and any other project reader (e.g. an
// XcodeGen project.yml reader) describe levels; this module computes the settings.
import type { BuildSettings } from './project';
import type { XcconfigCondition, XcconfigDocument } from './xcconfig';
import { joinPath } from '../text/posix-path';

/** Where a setting's winning assignment is written. */
export interface SettingOrigin {
  /** File-system path of the project file or `.xcconfig`. */
  path: string;
  start: number;
  end: number;
}

export interface SettingAssignment {
  name: string;
  conditions: readonly XcconfigCondition[];
  value: string | string[];
  origin?: SettingOrigin;
}

/** One level of a configuration: assignments written in a project, or an `.xcconfig` file. */
export type SettingsLevel =
  | { kind: 'settings'; assignments: SettingAssignment[] }
  | { kind: 'xcconfig'; path: string };

/** What the conditions of a conditional setting are tested against. */
export interface ConditionContext {
  configuration: string;
  /** The SDK's name without version (`driverkit`, `macosx`, `iphoneos`), when known. */
  sdk?: string;
}

/** Architectures a conditional `[arch=…]` setting is taken to apply to (any of them). */
const USUAL_ARCHS = ['arm64', 'arm64e', 'x86_64'];

function globMatches(pattern: string, text: string): boolean {
  // Linear: `*` only, no backtracking blow-up (patterns are short; text is a name).
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  if (!text.startsWith(parts[0]!) || !text.endsWith(parts[parts.length - 1]!)) return false;
  let at = parts[0]!.length;
  const last = text.length - parts[parts.length - 1]!.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = text.indexOf(parts[i]!, at);
    if (found < 0 || found + parts[i]!.length > last) return false;
    at = found + parts[i]!.length;
  }
  return at <= last;
}

/**
 * Whether every condition applies. `sdk` patterns are tested against the SDK's name (`driverkit*`
 * matches `driverkit`); an unknown SDK applies no sdk condition. `arch` applies when the pattern
 * matches a usual architecture; `variant` applies for `normal`; other keys apply to nothing.
 */
export function conditionsApply(conditions: readonly XcconfigCondition[], context: ConditionContext): boolean {
  return conditions.every((c) => {
    switch (c.key) {
      case 'config':
        return globMatches(c.value, context.configuration);
      case 'sdk':
        return context.sdk !== undefined && globMatches(c.value, context.sdk);
      case 'arch':
        return USUAL_ARCHS.some((a) => globMatches(c.value, a));
      case 'variant':
        return globMatches(c.value, 'normal');
      default:
        return false;
    }
  });
}

const INHERITED = /\$\(inherited\)|\$\{inherited\}/g;

function flatten(value: string | string[]): string {
  return Array.isArray(value) ? value.join(' ') : value;
}

/** The assignment's value with `$(inherited)` replaced by the value below it. */
function inherit(value: string | string[], below: string | string[] | undefined): string | string[] {
  const text = flatten(value);
  if (!text.includes('inherited')) return value;
  const base = below === undefined ? '' : flatten(below);
  return text.replace(INHERITED, () => base).trim();
}

export interface XcconfigReader {
  /** The parsed file at this absolute path, or undefined when it cannot be read. */
  (path: string): XcconfigDocument | undefined;
}

export interface LayeredSettings {
  settings: BuildSettings;
  origins: Record<string, SettingOrigin>;
  /** Files read (`.xcconfig` and their includes), absolute paths. */
  filesRead: Set<string>;
  /** An `.xcconfig` of the chain could not be read: settings may be missing. */
  incomplete: boolean;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export { joinPath as joinPosix } from '../text/posix-path';

/** The absolute path an `#include` names, from the including file's folder. */
export function includePath(includer: string, written: string): string | undefined {
  // `<DEVELOPER_DIR>/…` and the like name folders outside the project: not read.
  if (written.startsWith('<')) return undefined;
  return joinPath(dirOf(includer), written);
}

/**
 * The assignments of an `.xcconfig` with its `#include`s expanded in place, iteratively. An
 * include that would re-enter a file being read (a cycle) is skipped; a file that cannot be read
 * marks the result incomplete (a missing `#include?` is allowed and does not).
 */
export function xcconfigAssignments(path: string, read: XcconfigReader): { assignments: SettingAssignment[]; filesRead: Set<string>; incomplete: boolean } {
  const assignments: SettingAssignment[] = [];
  const filesRead = new Set<string>();
  let incomplete = false;
  const root = read(path);
  filesRead.add(path);
  if (!root) return { assignments, filesRead, incomplete: true };
  // A stack of files being read, each with its next entry.
  const stack: { path: string; doc: XcconfigDocument; next: number }[] = [{ path, doc: root, next: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const entry = top.doc.entries[top.next++];
    if (!entry) {
      stack.pop();
      continue;
    }
    if (entry.kind === 'setting') {
      assignments.push({ name: entry.name, conditions: entry.conditions, value: entry.value, origin: { path: top.path, start: entry.start, end: entry.end } });
      continue;
    }
    const target = includePath(top.path, entry.path);
    if (!target) {
      if (!entry.optional) incomplete = true;
      continue;
    }
    if (stack.some((s) => s.path === target)) continue; // a cycle: reported on the file by xcconfig-include
    filesRead.add(target);
    const doc = read(target);
    if (!doc) {
      if (!entry.optional) incomplete = true;
      continue;
    }
    if (stack.length > 64) {
      incomplete = true;
      continue;
    }
    stack.push({ path: target, doc, next: 0 });
  }
  return { assignments, filesRead, incomplete };
}

/**
 * The settings of one configuration from its levels (lowest first). Within a level, unconditional
 * assignments apply in order, then the conditional ones whose conditions apply (more specific
 * wins, as in Xcode); `$(inherited)` reads the value accumulated so far.
 */
export function layerSettings(levels: readonly SettingsLevel[], context: ConditionContext, read: XcconfigReader, defaults: BuildSettings = {}): LayeredSettings {
  const settings: BuildSettings = { ...defaults };
  const origins: Record<string, SettingOrigin> = {};
  const filesRead = new Set<string>();
  let incomplete = false;
  for (const level of levels) {
    let assignments: SettingAssignment[];
    if (level.kind === 'settings') assignments = level.assignments;
    else {
      const expanded = xcconfigAssignments(level.path, read);
      for (const f of expanded.filesRead) filesRead.add(f);
      incomplete ||= expanded.incomplete;
      assignments = expanded.assignments;
    }
    const apply = (a: SettingAssignment) => {
      settings[a.name] = inherit(a.value, settings[a.name]);
      if (a.origin) origins[a.name] = a.origin;
      else delete origins[a.name];
    };
    for (const a of assignments) if (!a.conditions.length) apply(a);
    const conditional = assignments.filter((a) => a.conditions.length && conditionsApply(a.conditions, context));
    conditional.sort((a, b) => a.conditions.length - b.conditions.length);
    for (const a of conditional) apply(a);
  }
  return { settings, origins, filesRead, incomplete };
}

/** `NAME[sdk=…][arch=…]` keys as written in a project file: the name and its conditions. */
export function splitConditionalKey(key: string): { name: string; conditions: XcconfigCondition[] } | undefined {
  const bracket = key.indexOf('[');
  if (bracket < 0) return { name: key, conditions: [] };
  const name = key.slice(0, bracket);
  const conditions: XcconfigCondition[] = [];
  const re = /\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  let end = bracket;
  while ((m = re.exec(key))) {
    if (m.index !== end) return undefined;
    for (const part of m[1]!.split(',')) {
      const eq = part.indexOf('=');
      if (eq < 0) return undefined;
      conditions.push({ key: part.slice(0, eq).trim().toLowerCase(), value: part.slice(eq + 1).trim() });
    }
    end = m.index + m[0].length;
  }
  return end === key.length && name ? { name, conditions } : undefined;
}

/** The SDK family a `SDKROOT` value names (`driverkit`, `macosx`, `iphoneos`, …), if any. */
export function sdkFamily(sdkroot: string | undefined): string | undefined {
  if (!sdkroot) return undefined;
  const base = sdkroot.slice(sdkroot.lastIndexOf('/') + 1).replace(/\.sdk$/i, '').toLowerCase();
  const m = /^([a-z]+?)(?:[0-9.]*)$/.exec(base);
  return m?.[1];
}
