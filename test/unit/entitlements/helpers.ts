// Shared by the entitlements tests: plist text from a body, validation restricted to this area's
// rules, and applying a quick fix then validating again.
import assert from 'node:assert/strict';
import { entitlementRules } from '../../../server/src/rules/entitlements';
import { allRules } from '../../../server/src/rules';
import type { DextDiagnostic } from '../../../server/src/types';
import { pathToUri } from '../../../server/src/workspace/uri';
import type { Workspace } from '../../../server/src/workspace/workspace';
import { applyEdits, assertOnlyEditedSpans, diagnosticsOf, workspaceFromFiles } from '../../helpers/workspace';

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

/** `[code, line (1-based), column (1-based)]` of each diagnostic. */
export function positions(list: DextDiagnostic[]): [string, number, number][] {
  return list.map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1]);
}

/** The text under a diagnostic's range. */
export function textOf(text: string, d: DextDiagnostic): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(d.range.start), offset(d.range.end));
}

/**
 * Applies fix `index` of `diagnostic` to `path`, checks the text outside the edit is unchanged,
 * re-validates with every rule: the diagnostic is gone, no plist-syntax problem and no new error
 * appeared. Returns the fixed text.
 */
export function applyFix(workspace: Workspace, path: string, diagnostic: DextDiagnostic, index = 0): string {
  const uri = pathToUri(path);
  const file = workspace.get(uri)!;
  const before = file.text;
  const all = diagnosticsOf(workspace, path);
  const fix = diagnostic.fixes[index];
  assert.ok(fix, `${diagnostic.code} has no fix ${index}`);
  const after = applyEdits(before, fix.edits);
  assertOnlyEditedSpans(before, after, fix.edits);
  workspace.set(uri, after, file.version + 1);
  const again = diagnosticsOf(workspace, path);
  assert.ok(
    !again.some((d) => d.code === diagnostic.code && d.message === diagnostic.message),
    `${diagnostic.code}: still reported after '${fix.title}':\n${after}`,
  );
  assert.deepEqual(again.filter((d) => d.code === 'plist-syntax').map((d) => d.message), [], `'${fix.title}' broke the plist:\n${after}`);
  const newErrors = again.filter((d) => d.severity === 'error' && !all.some((b) => b.code === d.code && b.message === d.message));
  assert.deepEqual(newErrors.map((d) => `${d.code}: ${d.message}`), [], `'${fix.title}' introduced errors:\n${after}`);
  return after;
}

/** A one-file workspace (an entitlements file named so the model sees the side it should). */
export function single(path: string, text: string): Workspace {
  return workspaceFromFiles({ [path]: text });
}
