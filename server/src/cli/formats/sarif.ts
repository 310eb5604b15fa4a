// `--format sarif`: SARIF 2.1.0 with every rule and its docs in tool.driver.rules.
import { pathToUri, type RuleInfo } from '../../service';
import type { Severity } from '../../types';
import type { FileResult } from './types';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(results: FileResult[], version: string, ruleInfos: readonly RuleInfo[]): string {
  const rules = ruleInfos.map((r) => ({
    id: r.id,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.what },
    help: { text: r.fix, markdown: r.markdown },
    helpUri: r.docsUri,
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
    properties: { fixable: r.fixable, ...(r.verify ? { verify: true } : {}) },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap((r) =>
    r.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: index.get(d.code) ?? -1,
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: pathToUri(r.absolutePath) },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
      ...(d.fixes.length
        ? {
            fixes: d.fixes.map((f) => ({
              description: { text: f.title },
              artifactChanges: [
                {
                  artifactLocation: { uri: pathToUri(r.absolutePath) },
                  replacements: f.edits.map((e) => ({
                    deletedRegion: {
                      startLine: e.range.start.line + 1,
                      startColumn: e.range.start.character + 1,
                      endLine: e.range.end.line + 1,
                      endColumn: e.range.end.character + 1,
                    },
                    insertedContent: { text: e.newText },
                  })),
                },
              ],
            })),
          }
        : {}),
    })),
  );
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'dextlint', version, informationUri: 'https://www.npmjs.com/package/dext-tools', rules } }, results: sarifResults }],
    },
    null,
    2,
  );
}
