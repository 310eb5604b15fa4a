// `unknown-rule`: a suppression comment that names no rule. Not a regular rule: it reads the
// suppressions the engine found, on every kind of file.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Suppression } from './suppressions';
import type { DextDiagnostic, Severity } from '../../types';
import { ruleDocsUri } from '../docs';
import type { Rule } from '../types';
import { nearest } from '../../text/edit-distance';

export const unknownRule: Rule = {
  meta: {
    id: 'unknown-rule',
    defaultSeverity: 'warning',
    appliesTo: [],
    fixable: true,
    sources: [
      { ref: "The product's own configuration format (.dextlintrc.json, dextlint-disable comments): no DriverKit claim", primary: false },
    ],
    docs: {
      summary: 'A suppression comment names a rule id that does not exist.',
      what: 'Reports an id in a `dextlint-disable-next-line` or `dextlint-disable-file` comment that is not the id of any rule.',
      why: 'A misspelt id suppresses nothing: the diagnostic it was meant to silence still shows, or worse, a later rename hides that the suppression is stale.',
      example: '```xml\n<!-- dextlint-disable-next-line entitlment-unknown -->\n```',
      fix: 'Rename the id to the nearest known rule id, or remove it. The quick fix renames it when a close match exists.',
      examples: {
        invalid: [{ files: { 'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<!-- dextlint-disable-next-line duplicat-key -->\n\t<key>CFBundleName</key>\n\t<string>Driver</string>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<!-- dextlint-disable-next-line duplicate-key -->\n\t<key>CFBundleName</key>\n\t<string>Driver</string>\n</dict>\n</plist>\n' } }],
      },
    },
  },
  // Reported by the engine from the suppressions it parses (see unknownRuleDiagnostics).
  check: () => {},
};

export function unknownRuleDiagnostics(document: TextDocument, suppressions: Suppression[], severity: Severity, known: readonly string[]): DextDiagnostic[] {
  const out: DextDiagnostic[] = [];
  for (const s of suppressions) {
    for (const id of s.ids) {
      if (known.includes(id.id)) continue;
      const range = { start: document.positionAt(id.start), end: document.positionAt(id.end) };
      const suggestion = nearest(id.id, known, 3);
      out.push({
        code: 'unknown-rule',
        docsUri: ruleDocsUri('unknown-rule'),
        severity,
        message: `Unknown rule id '${id.id}' in a suppression comment: it suppresses nothing.${suggestion ? ` Did you mean '${suggestion}'?` : ' Remove it or use an id from `dextlint --explain`.'}`,
        range,
        fixes: suggestion ? [{ title: `Rename to '${suggestion}'`, edits: [{ range, newText: suggestion }], isPreferred: true }] : [],
      });
    }
  }
  return out;
}
