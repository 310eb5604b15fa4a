// `--fix`: applies every safe (preferred) fix, re-validates, and repeats until nothing changes.
// Edits within one round never overlap; a file whose text stops changing is done.
import type { LanguageService } from '../service';
import type { DextDiagnostic } from '../types';

const MAX_ROUNDS = 10;

export function applySafeFixes(service: LanguageService, uri: string): { text: string; applied: number } | undefined {
  const file = service.workspace.get(uri);
  if (!file || file.bytes) return undefined;
  let applied = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const current = service.workspace.get(uri)!;
    const edits = nonOverlappingEdits(current.document, service.doValidation(uri));
    if (!edits.length) break;
    let text = current.text;
    for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    if (text === current.text) break;
    applied += edits.length;
    service.workspace.set(uri, text, current.version + 1);
  }
  const final = service.workspace.get(uri)!;
  return applied ? { text: final.text, applied } : undefined;
}

function nonOverlappingEdits(
  document: { offsetAt(p: { line: number; character: number }): number },
  diagnostics: DextDiagnostic[],
): { start: number; end: number; newText: string }[] {
  const chosen: { start: number; end: number; newText: string }[] = [];
  for (const d of diagnostics) {
    // Fixes that also edit another file are left to the editor, where they can be reviewed.
    const fix = d.fixes.find((f) => f.isPreferred && f.edits.every((e) => !e.uri));
    if (!fix) continue;
    const edits = fix.edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText }));
    const overlaps = edits.some((e) => chosen.some((c) => e.start < c.end && c.start < e.end || (e.start === e.end && e.start === c.start)));
    if (!overlaps) chosen.push(...edits);
  }
  return chosen;
}
