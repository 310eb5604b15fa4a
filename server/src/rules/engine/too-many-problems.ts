// `too-many-problems`: the editor is shown the first problems of a file, not all of them. Not a
// regular rule: the engine reports it when it stops converting a file's reports (see validateFile).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DextDiagnostic, Severity } from '../../types';
import { ruleDocsUri } from '../docs';
import type { Rule } from '../types';

export const tooManyProblems: Rule = {
  meta: {
    id: 'too-many-problems',
    defaultSeverity: 'information',
    appliesTo: [],
    fixable: false,
    sources: [
      { ref: "The product's own limit on diagnostics per file (no DriverKit claim)", primary: false },
    ],
    docs: {
      summary: 'The editor shows the first 1,000 problems of a file; this one has more.',
      what: 'Reported at the top of a file when the language server found more problems than it shows for one file (1,000). The command-line `dextlint` has no such limit.',
      why: 'A file with thousands of problems (a log of a crash loop, an Info.plist pasted twice) would make the editor slow to show them and no faster to fix; the first thousand say what is wrong.',
      example: '```text\n80,646 problems in this file; the first 1,000 are shown.\n```',
      fix: 'Fix the problems shown (a quick fix often repairs many at once), or run `dextlint <file>` for the complete list.',
    },
  },
  // Reported by the engine when it truncates a file's diagnostics (see tooManyProblemsDiagnostic).
  check: () => {},
};

/** 80646 → "80,646" (without Intl, whose first use costs tens of milliseconds). */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

export function tooManyProblemsDiagnostic(document: TextDocument, total: number, shown: number, severity: Severity): DextDiagnostic {
  return {
    code: 'too-many-problems',
    docsUri: ruleDocsUri('too-many-problems'),
    severity,
    message: `${grouped(total)} problems in this file; the first ${grouped(shown)} are shown. Run dextlint on it for the complete list.`,
    range: { start: document.positionAt(0), end: document.positionAt(0) },
    fixes: [],
  };
}
