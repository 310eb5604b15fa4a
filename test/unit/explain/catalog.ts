// The rule ids knowledge entries may cite: the product's registered rules. (That every id of the
// contract in ../shared/reference/rules.md is registered is checked in the docs test.)
import { ruleIds } from '../../../server/src/rules';

export function catalogRuleIds(): Set<string> {
  return new Set(ruleIds());
}
