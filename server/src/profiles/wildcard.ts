// `*` wildcards as provisioning profiles use them: in application identifiers
// (`TEAMID.com.example.*`) and in entitlement values (`*`, `TEAMID.*`). Linear: greedy matching
// of the literal parts between the stars, leftmost first, is exact for `*`-only patterns.

export function wildcardMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const parts = pattern.split('*');
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const stop = value.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    const found = value.indexOf(part, at);
    if (found < 0 || found + part.length > stop) return false;
    at = found + part.length;
  }
  return true;
}
