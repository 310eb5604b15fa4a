// `--format text`: ESLint-stylish grouping by file, with a code frame under each diagnostic.
import { escapeControl } from '../../text/control';
import type { Severity } from '../../types';
import type { FileResult } from './types';

const COLORS = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, cyan: 36 } as const;
type Color = keyof typeof COLORS;

const SEVERITY_COLOR: Record<Severity, Color> = { error: 'red', warning: 'yellow', information: 'blue', hint: 'gray' };
const MAX_FRAME_WIDTH = 160;

export function formatText(results: FileResult[], color: boolean): string {
  const paint = (c: Color, s: string) => (color ? `\x1b[${COLORS[c]}m${s}\x1b[0m` : s);
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let fixable = 0;
  for (const r of results) {
    if (!r.diagnostics.length) continue;
    out.push(paint('bold', escapeControl(r.displayPath)));
    const lines = r.text.split(/\r?\n/);
    for (const d of r.diagnostics) {
      counts[d.severity]++;
      if (d.fixes.some((f) => f.isPreferred)) fixable++;
      const where = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
      out.push(`  ${paint('gray', where.padEnd(7))} ${paint(SEVERITY_COLOR[d.severity], d.severity.padEnd(11))} ${escapeControl(d.message)}  ${paint('gray', d.code)}`);
      out.push(...codeFrame(lines, d.range, paint));
    }
    out.push('');
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  if (total === 0) {
    out.push(`${results.length} file${results.length === 1 ? '' : 's'} checked, no problems.`);
  } else {
    const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`];
    if (counts.information) parts.push(`${counts.information} info`);
    if (counts.hint) parts.push(`${counts.hint} hint${counts.hint === 1 ? '' : 's'}`);
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${results.length} file${results.length === 1 ? '' : 's'} checked`;
    out.push(paint(counts.error ? 'red' : 'yellow', summary));
    if (fixable) out.push(paint('gray', `  ${fixable} of them can be fixed with --fix`));
  }
  return out.join('\n');
}

function codeFrame(lines: string[], range: { start: { line: number; character: number }; end: { line: number; character: number } }, paint: (c: Color, s: string) => string): string[] {
  const out: string[] = [];
  const first = Math.max(0, range.start.line - 1);
  const last = Math.min(lines.length - 1, range.start.line + 1);
  const width = String(last + 1).length;
  for (let i = first; i <= last; i++) {
    const raw = escapeControl((lines[i] ?? '').replace(/\t/g, '    '));
    const text = raw.length > MAX_FRAME_WIDTH ? raw.slice(0, MAX_FRAME_WIDTH) + '…' : raw;
    const marker = i === range.start.line ? paint('red', '>') : ' ';
    out.push(`    ${marker} ${paint('gray', String(i + 1).padStart(width) + ' |')} ${text}`);
    if (i === range.start.line) {
      const line = lines[i] ?? '';
      const tabsBefore = (line.slice(0, range.start.character).match(/\t/g) ?? []).length;
      const col = range.start.character + tabsBefore * 3;
      const endChar = range.end.line === range.start.line ? range.end.character : line.length;
      const len = Math.max(1, Math.min(endChar - range.start.character, MAX_FRAME_WIDTH - col));
      out.push(`      ${' '.repeat(width)} ${paint('gray', '|')} ${' '.repeat(Math.min(col, MAX_FRAME_WIDTH))}${paint('red', '^'.repeat(Math.max(1, len)))}`);
    }
  }
  return out;
}
