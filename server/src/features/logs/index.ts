// Editor features of DriverKit logs (`.log` files, "DriverKit Log" documents): hover explanations
// of recognised lines, and code actions that open the configuration at fault. Codes inside the
// lines are hovered by the codes contribution, which serves every kind.
import { hoverMarkdown, shortPath } from '../../explain/markdown';
import { logFindings } from '../../explain/recognise';
import { locateTargets } from '../../explain/targets';
import type { CodeAction, CodeActionContext, FeatureContribution, HoverResult, PositionContext } from '../types';

function hover({ file, workspace, offset }: PositionContext): HoverResult | undefined {
  const finding = logFindings(file).find((f) => f.kind === 'log-pattern' && f.start <= offset && offset <= f.end);
  if (!finding) return undefined;
  return { contents: hoverMarkdown(finding, locateTargets(workspace, finding.targets)), start: finding.start, end: finding.end };
}

function codeActions(context: CodeActionContext): CodeAction[] {
  const { file, workspace, start, end } = context;
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const finding of logFindings(file)) {
    if (finding.end < start || finding.start > end) continue;
    const diagnostics = context.diagnostics.filter(
      (d) => d.code === 'log-known-failure' && file.document.offsetAt(d.range.start) === finding.start && file.document.offsetAt(d.range.end) === finding.end,
    );
    for (const location of locateTargets(workspace, finding.targets)) {
      const id = `${location.uri}\0${location.start}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const title = `Open ${shortPath(location)}: ${location.title}`;
      actions.push({
        title,
        kind: 'quickfix',
        command: { title, command: 'dext.openLocation', arguments: [location.uri, location.start, location.end] },
        ...(diagnostics.length ? { diagnostics } : {}),
        ...(actions.length === 0 ? { isPreferred: true } : {}),
      });
    }
  }
  return actions;
}

export const logFeatures: FeatureContribution = {
  name: 'logs',
  appliesTo: ['log'],
  hover,
  codeActions,
};
