// Code actions every diagnostic gets, whatever its rule: show the rule's documentation, and
// disable it for this line or for this file with a suppression comment in the file's syntax.
import type { DextDiagnostic } from '../types';
import { indentAt, layoutOf } from '../plist/edits';
import type { CodeAction, CodeActionContext } from './types';

function commentFor(kind: string | undefined, directive: string): string {
  // `.dextlintrc.json` is JSON with comments; an .xcconfig takes `//` comments, YAML `#`.
  if (kind === 'iig' || kind === 'cpp' || kind === 'xcconfig' || kind === 'config') return `// ${directive}`;
  return kind === 'xcodegen' || kind === 'yaml' ? `# ${directive}` : `<!-- ${directive} -->`;
}

/** Where a file-level suppression goes: after an XML declaration/DOCTYPE, else at the top. */
function fileDirectiveOffset(text: string): number {
  let offset = 0;
  const prolog = /^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?/.exec(text);
  if (prolog && prolog[0].includes('<')) {
    offset = prolog[0].trimEnd().length;
    return text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset) + 1;
  }
  return offset;
}

export function commonCodeActions(context: CodeActionContext): CodeAction[] {
  const { file, workspace, diagnostics } = context;
  const kind = workspace.kindOf(file);
  // Binary plists cannot take a comment; log lines are reports, not configuration.
  if ((file.bytes && kind !== 'iig' && kind !== 'cpp') || kind === 'log') return [];
  const text = file.text;
  const { newline } = layoutOf(file);
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics as DextDiagnostic[]) {
    if (typeof d.code !== 'string' || seen.has(d.code)) continue;
    seen.add(d.code);
    actions.push({
      title: `Show documentation for '${d.code}'`,
      kind: 'quickfix',
      command: { title: 'Show rule documentation', command: 'dext.showRuleDocumentation', arguments: [d.code] },
      diagnostics: [d],
    });
    const lineStart = file.document.offsetAt({ line: d.range.start.line, character: 0 });
    const indent = indentAt(file, lineStart);
    actions.push({
      title: `Disable '${d.code}' for this line`,
      kind: 'quickfix',
      edits: { [file.uri]: [{ start: lineStart, end: lineStart, newText: `${indent}${commentFor(kind, `dextlint-disable-next-line ${d.code}`)}${newline}` }] },
      diagnostics: [d],
    });
    const at = fileDirectiveOffset(text);
    actions.push({
      title: `Disable '${d.code}' for this file`,
      kind: 'quickfix',
      edits: { [file.uri]: [{ start: at, end: at, newText: `${commentFor(kind, `dextlint-disable-file ${d.code}`)}${newline}` }] },
      diagnostics: [d],
    });
  }
  return actions;
}
