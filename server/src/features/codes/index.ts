// Hover on an IOReturn or OSSystemExtensionError code in any file we serve: plists, `.iig`,
// `.cpp`/`.h`, Swift/Objective-C sources and logs. Only the hovered line is scanned.
import { codesInLine } from '../../explain/codes';
import { explainToken } from '../../explain/explanations';
import { hoverMarkdown } from '../../explain/markdown';
import { sourceScanOptions } from '../../explain/recognise';
import { locateTargets } from '../../explain/targets';
import type { FeatureContribution, HoverResult, PositionContext } from '../types';

function hover({ file, workspace, offset }: PositionContext): HoverResult | undefined {
  if (file.bytes) return undefined;
  const document = file.document;
  const { line } = document.positionAt(offset);
  const lineStart = document.offsetAt({ line, character: 0 });
  const lineEnd = line + 1 < document.lineCount ? document.offsetAt({ line: line + 1, character: 0 }) : file.text.length;
  const text = file.text.slice(lineStart, lineEnd).replace(/\r?\n$/, '');
  const token = codesInLine(text, lineStart, sourceScanOptions(file, workspace.kindOf(file))).find((t) => t.start <= offset && offset <= t.end);
  if (!token) return undefined;
  const explanation = explainToken(token, text);
  return { contents: hoverMarkdown(explanation, locateTargets(workspace, explanation.targets)), start: token.start, end: token.end };
}

export const codeFeatures: FeatureContribution = {
  name: 'codes',
  appliesTo: ['any'],
  hover,
};
