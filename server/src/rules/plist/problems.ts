// The parser reports problems while it reads; the plist rules only select theirs by code, so a
// problem is never reported twice and never lost.
import type { PlistProblemCode } from '../../plist/types';
import type { RuleContext } from '../types';

export function reportParserProblems(context: RuleContext, code: PlistProblemCode): void {
  for (const problem of context.file.plist.problems) {
    if (problem.code !== code) continue;
    context.report({
      start: problem.start,
      end: problem.end,
      message: problem.message,
      // The fix's edits are copied: an incremental re-parse shifts the problems' own edits in
      // place, and kept reports are shifted on their own (rules/engine/kept.ts).
      fixes: problem.fix ? [{ title: problem.fix.title, edits: problem.fix.edits.map((e) => ({ ...e })), isPreferred: true }] : [],
    });
  }
}
