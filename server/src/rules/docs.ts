// Rule documentation in one place: the Markdown shown on hover, by `dextlint --explain`, in
// docs/rules/<id>.md and in the README table, all generated from each rule's metadata.
import { join } from 'node:path';
import { findSchemasDir } from '../knowledge/load';
import { pathToUri } from '../workspace/uri';
import type { Rule, RuleExamples } from './types';

export function ruleMarkdown(rule: Rule): string {
  const { meta } = rule;
  const severity = meta.verify ? `${meta.defaultSeverity} (rests on a fact still to verify)` : meta.defaultSeverity;
  return [
    `# ${meta.id}`,
    '',
    meta.docs.summary,
    '',
    `Default severity: **${severity}**. Quick fix: ${meta.fixable ? 'yes' : 'no'}.`,
    '',
    '## What it does',
    '',
    meta.docs.what,
    '',
    '## Why it matters',
    '',
    meta.docs.why,
    '',
    '## Example',
    '',
    meta.docs.example,
    '',
    ...examplesMarkdown(meta.docs.examples),
    '## Fix',
    '',
    meta.docs.fix,
    '',
    ...(meta.sources?.length
      ? ['## Sources', '', ...meta.sources.map((s) => `- ${s.ref}${s.primary ? '' : ' (not a primary source)'}`), '']
      : []),
    '## Configure',
    '',
    `\`"${meta.id}": "off"\` under \`rules\` in \`.dextlintrc.json\` or the \`dext.rules\` setting; \`dextlint-disable-next-line ${meta.id}\` in a comment above the line.`,
    '',
  ].join('\n');
}

const fenceLanguage = (path: string) => (/\.(iig|cpp|h|hpp)$/.test(path) ? 'cpp' : /\.(log|dextlog)$/.test(path) ? 'text' : /\.pbxproj$/.test(path) ? 'text' : 'xml');

function exampleBlock(title: string, files: Record<string, string>): string[] {
  const [path, text] = Object.entries(files)[0]!;
  return [`${title} (\`${path}\`):`, '', '```' + fenceLanguage(path), text.trimEnd(), '```', ''];
}

function examplesMarkdown(examples: RuleExamples | undefined): string[] {
  if (!examples) return [];
  return [
    ...examples.invalid.flatMap((e) => exampleBlock('Reported', e.files)),
    ...examples.valid.flatMap((e) => exampleBlock('Not reported', e.files)),
  ];
}

/** The package root (the folder holding schemas/ and docs/). */
export function packageRoot(): string {
  return join(findSchemasDir(), '..');
}

/** Every diagnostic carries its rule's link: made once per rule id. */
const docsUris = new Map<string, string>();

/** Link to the rule's page, shipped with the package: diagnostics carry it as codeDescription. */
export function ruleDocsUri(id: string): string {
  let uri = docsUris.get(id);
  if (!uri) docsUris.set(id, (uri = pathToUri(join(packageRoot(), 'docs', 'rules', `${id}.md`))));
  return uri;
}
