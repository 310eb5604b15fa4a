// A ConfigLocation from offsets in a workspace file.
import type { WorkspaceFile } from '../workspace/files';
import type { ConfigLocation } from './types';

export function locationIn(file: WorkspaceFile, start: number, end: number, title: string): ConfigLocation {
  const from = file.document.positionAt(start);
  const to = file.document.positionAt(end);
  return { uri: file.uri, path: file.path, start, end, line: from.line, character: from.character, endLine: to.line, endCharacter: to.character, title };
}
