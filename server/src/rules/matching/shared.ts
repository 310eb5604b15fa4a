// Where a matching verdict sits in the Info.plist: on the first key that differs (the one to
// change), else on the personality's name.
import type { FileVerdict } from '../../matching';

export function verdictSpan(v: FileVerdict): { start: number; end: number } {
  const focus = v.verdict.closest;
  for (const d of focus?.differences ?? []) {
    const key = v.personality.keys.get(d.key) ?? (d.key === 'idProductArray' ? v.personality.keys.get('idProduct') : undefined);
    if (key) return { start: key.keySpan.start, end: key.keySpan.end };
  }
  const provider = v.verdict.status === 'matched' ? undefined : v.personality.keys.get('IOProviderClass');
  const entry = provider ?? v.personality.entry;
  return { start: entry.keySpan.start, end: entry.keySpan.end };
}
