// POSIX path arithmetic shared by the readers (xcconfig includes) and the workspace (target paths).

/** Joins and normalises `.` and `..` segments; an absolute `relative` wins. The result is absolute. */
export function joinPath(base: string, relative: string): string {
  const full = relative.startsWith('/') ? relative : `${base}/${relative}`;
  const out: string[] = [];
  for (const part of full.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}
