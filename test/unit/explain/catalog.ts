// The rule ids of the catalog (shared/reference/rules.md): the contract the schemas cite.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ruleIds } from '../../../server/src/rules';
import { sharedPath } from '../../helpers/shared';

export const referenceDir = sharedPath('reference');

/** The catalog's rule ids; without the shared folder, the ids of the rules the product ships. */
export function catalogRuleIds(): Set<string> {
  if (!existsSync(resolve(referenceDir, 'rules.md'))) return new Set(ruleIds());
  const text = readFileSync(resolve(referenceDir, 'rules.md'), 'utf8');
  return new Set([...text.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!));
}
