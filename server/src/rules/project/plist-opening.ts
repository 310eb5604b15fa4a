import type { WorkspaceFile } from '../../workspace/files';

/**
 * The span a once-per-file finding about a plist is shown on: the opening of its root dict (a few
 * characters), or the file's start when it has none.
 */
export function plistOpeningSpan(file: WorkspaceFile): { start: number; end: number } {
  const root = file.plist.root;
  if (root?.kind !== 'dict') return { start: 0, end: 0 };
  return { start: root.start, end: root.start + Math.min(6, root.end - root.start) };
}
