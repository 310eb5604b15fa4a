// POSIX path arithmetic for spec paths. XcodeGen joins with PathKit, which collapses `.` and `..`
// and keeps an absolute right-hand side; relative results stay relative (they are relative to the
// project folder, `$(SRCROOT)`). The parsers layer cannot use the workspace's path helpers.

function normalizeParts(parts: string[], absolute: boolean): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  return out;
}

/** `base` + `path` as PathKit joins them: an absolute `path` wins; `.` and `..` are collapsed. */
export function joinSpecPath(base: string, path: string): string {
  if (path.startsWith('/')) return normalizeSpecPath(path);
  if (base === '') return normalizeSpecPath(path);
  return normalizeSpecPath(`${base}/${path}`);
}

export function normalizeSpecPath(path: string): string {
  const absolute = path.startsWith('/');
  const joined = normalizeParts(path.split('/'), absolute).join('/');
  return absolute ? '/' + joined : joined;
}

/** The folder of a path (`''` for a bare file name, `/` for a file at the root). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '';
  return i === 0 ? '/' : path.slice(0, i);
}

export function lastComponent(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
