// A ConfigLocation from offsets in a workspace file.
import type { WorkspaceFile } from '../workspace/files';
import { pathToUri } from '../workspace/uri';
import { generatedPlistOf, specSpanOfGenerated } from '../workspace/xcodegen';
import type { ConfigLocation } from './types';

export function locationIn(file: WorkspaceFile, start: number, end: number, title: string): ConfigLocation {
  // A plist XcodeGen writes is no file to open: the location is where the spec writes it.
  const generated = generatedPlistOf(file);
  if (generated) {
    const span = specSpanOfGenerated(generated, start);
    const { start: from, end: to } = span.range;
    return { uri: pathToUri(span.file), path: span.file, start: span.start, end: span.end, line: from.line, character: from.character, endLine: to.line, endCharacter: to.character, title };
  }
  const from = file.document.positionAt(start);
  const to = file.document.positionAt(end);
  return { uri: file.uri, path: file.path, start, end, line: from.line, character: from.character, endLine: to.line, endCharacter: to.character, title };
}
