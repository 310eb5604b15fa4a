// The rule ids of the catalog (shared/reference/rules.md): the contract the schemas cite.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const referenceDir = resolve(__dirname, '../../../../shared/reference');

export function catalogRuleIds(): Set<string> {
  const text = readFileSync(resolve(referenceDir, 'rules.md'), 'utf8');
  return new Set([...text.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!));
}
