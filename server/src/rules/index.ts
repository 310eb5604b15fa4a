// The rule registry: every rule the product ships, by area. Adding a rule = its file plus one
// line in its area's index.
import type { Rule } from './types';
import { plistRules } from './plist';
import { entitlementRules } from './entitlements';
import { personalityRules } from './personalities';
import { iigRules } from './iig';
import { profileRules } from './profiles';
import { logRules } from './logs';
import { matchingRules } from './matching';
import { projectRules } from './project';
import { tooManyProblems } from './engine/too-many-problems';
import { unknownRule } from './engine/unknown-rule';

export const allRules: readonly Rule[] = [
  ...plistRules,
  ...entitlementRules,
  ...personalityRules,
  ...iigRules,
  ...profileRules,
  ...logRules,
  ...matchingRules,
  ...projectRules,
  unknownRule,
  tooManyProblems,
];

const byId = new Map(allRules.map((r) => [r.meta.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

export function ruleIds(): string[] {
  return [...byId.keys()];
}
