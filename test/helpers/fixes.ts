// A quick fix applied in a test the way an editor applies it, with what every fix must keep: the
// text outside its edits, a plist that still parses, its finding gone, nothing new reported. The
// area tests call it; the rule tester (rule-tester.ts) checks the same of each rule's own reports.
import assert from 'node:assert/strict';
import type { DextDiagnostic } from '../../server/src/types';
import { pathToUri } from '../../server/src/workspace/uri';
import type { Workspace } from '../../server/src/workspace/workspace';
import { applyEdits, assertOnlyEditedSpans, diagnosticsOf } from './workspace';

export interface FixCheck {
  /** The fix: its index among the diagnostic's fixes (default 0), or a pattern its title matches. */
  fix?: number | RegExp;
  /** What the fix may not add: any diagnostic, or (for fixes that reveal the next step) errors only. */
  noNew: 'diagnostic' | 'error';
}

const identity = (d: DextDiagnostic) => `${d.code}:${d.message}`;

/**
 * Applies a fix of `diagnostic` (found on `path`) to the workspace and checks it; returns the fixed
 * text of `path`. Every rule runs before and after, so a fix that trades one finding for another
 * fails.
 */
export function applyFixAndRecheck(workspace: Workspace, path: string, diagnostic: DextDiagnostic, { fix = 0, noNew }: FixCheck): string {
  const uri = pathToUri(path);
  const file = workspace.get(uri);
  assert.ok(file, `not in the workspace: ${path}`);
  const chosen = typeof fix === 'number' ? diagnostic.fixes[fix] : diagnostic.fixes.find((f) => fix.test(f.title));
  assert.ok(chosen, `${diagnostic.code} has no fix ${String(fix)}`);
  const before = file.text;
  const reported = new Set(diagnosticsOf(workspace, path).map(identity));
  // Each document the fix names gets its edits (a QUEUENAME fix also edits the .cpp), and keeps
  // the text outside them.
  const byUri = new Map<string, typeof chosen.edits>();
  for (const e of chosen.edits) byUri.set(e.uri ?? uri, [...(byUri.get(e.uri ?? uri) ?? []), e]);
  for (const [target, edits] of byUri) {
    const document = workspace.get(target);
    assert.ok(document, `'${chosen.title}' edits a file outside the workspace: ${target}`);
    const changed = applyEdits(document.text, edits);
    assertOnlyEditedSpans(document.text, changed, edits);
    workspace.set(target, changed, document.version + 1);
  }
  const after = workspace.get(uri)!.text;
  const again = diagnosticsOf(workspace, path);
  assert.ok(!again.some((d) => identity(d) === identity(diagnostic)), `${diagnostic.code}: still reported after '${chosen.title}':\n${after}`);
  assert.deepEqual(again.filter((d) => d.code === 'plist-syntax').map((d) => d.message), [], `'${chosen.title}' broke the plist:\n${after}`);
  const added = again.filter((d) => !reported.has(identity(d)) && (noNew === 'diagnostic' || d.severity === 'error'));
  assert.deepEqual(added.map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`), [], `'${chosen.title}' added ${noNew === 'error' ? 'errors' : 'diagnostics'}:\n${after}`);
  return after;
}
