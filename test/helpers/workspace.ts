// Test helpers: a workspace from a fixture folder or from inline files, and validation of one file.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { emptyConfig, type DextConfig } from '../../server/src/config';
import type { Rule } from '../../server/src/rules/types';
import { allRules, ruleIds } from '../../server/src/rules';
import type { DextDiagnostic } from '../../server/src/types';
import { validateFile } from '../../server/src/rules/engine/validation';
import { loadFolder } from '../../server/src/workspace/scan';
import { pathToUri } from '../../server/src/workspace/uri';
import { Workspace } from '../../server/src/workspace/workspace';

export const repoRoot = resolve(__dirname, '../..');
export const fixturesDir = join(repoRoot, 'test/fixtures');

export function fixturePath(...parts: string[]): string {
  return join(fixturesDir, ...parts);
}

export function workspaceFromFolder(folder: string): Workspace {
  const workspace = new Workspace();
  loadFolder(workspace, folder);
  return workspace;
}

/** A workspace from `{ '/virtual/path/Info.plist': text }` (paths absolute, any prefix). */
export function workspaceFromFiles(files: Record<string, string>): Workspace {
  const workspace = new Workspace();
  for (const [path, text] of Object.entries(files)) workspace.set(pathToUri(path), text, 1);
  return workspace;
}

export interface ValidateOptions {
  config?: DextConfig;
  rules?: readonly Rule[];
}

/** Diagnostics of one file (by absolute path); throws when a rule throws, so tests see it. */
export function diagnosticsOf(workspace: Workspace, path: string, options: ValidateOptions = {}): DextDiagnostic[] {
  const file = workspace.get(pathToUri(path));
  if (!file) throw new Error(`not in the workspace: ${path}`);
  return validateFile(workspace, file, {
    config: options.config ?? emptyConfig(),
    rules: options.rules ?? allRules,
    knownRuleIds: ruleIds(),
    onRuleError: (id, _uri, error) => {
      throw new Error(`rule ${id} threw: ${error instanceof Error ? error.stack : String(error)}`);
    },
  });
}

/** The codes of a file's diagnostics, for compact assertions. */
export function codesOf(diagnostics: DextDiagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** `[code, line, column]` (1-based) of each diagnostic, compact for assertions. */
export function positions(diagnostics: DextDiagnostic[]): [string, number, number][] {
  return diagnostics.map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1]);
}

/** Applies text edits (LSP ranges) to a text, last first. */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** The text outside every edit is unchanged: compare the untouched prefix and suffix. */
export function assertOnlyEditedSpans(before: string, after: string, edits: DextDiagnostic['fixes'][number]['edits']): void {
  const lines = before.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const first = Math.min(...edits.map((e) => offset(e.range.start)));
  const last = Math.max(...edits.map((e) => offset(e.range.end)));
  assert.equal(after.slice(0, first), before.slice(0, first), 'text before the edit changed');
  assert.equal(after.slice(after.length - (before.length - last)), before.slice(last), 'text after the edit changed');
}
