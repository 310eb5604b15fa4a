// Severity configuration: rule defaults, then the nearest `.dextlintrc.json` (JSONC), then the
// editor's `dext.rules` setting. Same file, same meaning for the CLI and every editor.
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { SEVERITIES, type SeveritySetting } from './types';

export interface DextConfig {
  rules: Record<string, SeveritySetting>;
  /** Extra provisioning profile paths (files or folders), resolved against the config's folder. */
  profiles: string[];
}

export interface ConfigProblem {
  offset: number;
  length: number;
  message: string;
}

export function emptyConfig(): DextConfig {
  return { rules: {}, profiles: [] };
}

/** Reads a `.dextlintrc.json` text; problems are reported, never thrown. */
export function parseConfig(text: string): { config: DextConfig; problems: ConfigProblem[] } {
  const errors: ParseError[] = [];
  const raw = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ConfigProblem[] = errors.map((e) => ({
    offset: e.offset,
    length: e.length,
    message: `invalid JSON: ${printParseErrorCode(e.error)}`,
  }));
  return { config: normalizeConfig(raw, (message) => problems.push({ offset: 0, length: 0, message })), problems };
}

/** Accepts the config file's object or the editor settings' object. */
export function normalizeConfig(raw: unknown, onProblem: (message: string) => void = () => {}): DextConfig {
  const config = emptyConfig();
  if (!raw || typeof raw !== 'object') return config;
  const { rules, profiles } = raw as { rules?: unknown; profiles?: unknown };
  if (rules && typeof rules === 'object') {
    for (const [id, value] of Object.entries(rules)) {
      const severity = (Array.isArray(value) ? value[0] : value) as unknown;
      if (typeof severity === 'string' && (SEVERITIES as readonly string[]).includes(severity)) {
        config.rules[id] = severity as SeveritySetting;
      } else onProblem(`rule '${id}': severity must be one of ${SEVERITIES.join(', ')}`);
    }
  }
  if (Array.isArray(profiles)) config.profiles = profiles.filter((p): p is string => typeof p === 'string');
  return config;
}

export function mergeConfigs(...configs: (DextConfig | undefined)[]): DextConfig {
  const out = emptyConfig();
  for (const c of configs) {
    if (!c) continue;
    Object.assign(out.rules, c.rules);
    out.profiles.push(...c.profiles);
  }
  return out;
}

/** A `profiles` entry where the text writes it: the string, quotes included. */
export interface ProfileEntryLocation {
  value: string;
  offset: number;
  length: number;
}

/** Where each `profiles` entry of a `.dextlintrc.json` text is written (what reports on an entry point at). */
export function profileEntryLocations(text: string): ProfileEntryLocation[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const profiles = root && findNodeAtLocation(root, ['profiles']);
  if (profiles?.type !== 'array') return [];
  return (profiles.children ?? []).filter((n) => n.type === 'string').map((n) => ({ value: n.value as string, offset: n.offset, length: n.length }));
}
