// `--format json`: the contract of rules.md, field for field.
import type { FileResult } from './types';

export function formatJson(results: FileResult[]): string {
  return JSON.stringify({
    version: 1,
    files: results.map((r) => ({
      path: r.displayPath,
      diagnostics: r.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        range: d.range,
        fixes: d.fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: e.range, newText: e.newText, ...(e.uri ? { uri: e.uri } : {}) })) })),
      })),
    })),
  }, null, 2);
}
