// Shared by the entitlements tests: plist text from a body, validation restricted to this area's
// rules, and applying a quick fix then validating again.
import assert from 'node:assert/strict';
import { entitlementRules } from '../../../server/src/rules/entitlements';
import { allRules } from '../../../server/src/rules';
import type { DextDiagnostic } from '../../../server/src/types';
import type { Workspace } from '../../../server/src/workspace/workspace';
import { applyFixAndRecheck } from '../../helpers/fixes';
import { diagnosticsOf, workspaceFromFiles } from '../../helpers/workspace';

export { positions } from '../../helpers/workspace';

export const ENTITLEMENT_RULE_IDS = entitlementRules.map((r) => r.meta.id);

/** A complete XML plist around `body` (the root value, tab-indented). */
export function plist(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
${body}
</plist>
`;
}

/** A root dict holding `entries` (lines, tab-indented by one level here). */
export function dict(...entries: string[]): string {
  return plist(`<dict>\n${entries.map((e) => e.split('\n').map((l) => '\t' + l).join('\n')).join('\n')}\n</dict>`);
}

export const DRIVERKIT = '<key>com.apple.developer.driverkit</key>\n<true/>';

/** Diagnostics of `path` from one rule (all rules run in the area tests that need interplay). */
export function run(workspace: Workspace, path: string, ruleId: string): DextDiagnostic[] {
  const rule = allRules.find((r) => r.meta.id === ruleId);
  assert.ok(rule, `no rule ${ruleId}`);
  return diagnosticsOf(workspace, path, { rules: [rule] });
}

/** The text under a diagnostic's range. */
export function textOf(text: string, d: DextDiagnostic): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(d.range.start), offset(d.range.end));
}

/**
 * Applies fix `index` of `diagnostic` on `path` and re-validates with every rule: the diagnostic is
 * gone, the plist parses, the text outside the edit is unchanged, no new error appeared (a fix may
 * reveal the next step as a warning). Returns the fixed text.
 */
export function applyFix(workspace: Workspace, path: string, diagnostic: DextDiagnostic, index = 0): string {
  return applyFixAndRecheck(workspace, path, diagnostic, { fix: index, noNew: 'error' });
}

/** A one-file workspace (an entitlements file named so the model sees the side it should). */
export function single(path: string, text: string): Workspace {
  return workspaceFromFiles({ [path]: text });
}
