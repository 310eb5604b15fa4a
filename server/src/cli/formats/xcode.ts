// `--format xcode`: `path:line:column: error|warning|note: message [rule-id]`, which Xcode shows
// inline when dextlint runs in a Run Script build phase. Absolute paths, 1-based positions.
import { escapeControl } from '../../text/control';
import type { Severity } from '../../types';
import type { FileResult } from './types';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatXcode(results: FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const message = escapeControl(d.message.replace(/\s*\n\s*/g, ' '));
      lines.push(`${escapeControl(r.absolutePath)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${LEVEL[d.severity]}: ${message} [${d.code}]`);
    }
  }
  return lines.join('\n');
}
