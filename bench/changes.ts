// The change events the keystroke benchmarks send, made outside the timed part (they are the
// editor's work, not the server's): shared by bench/run.ts and bench/profile.ts.

/** The single change that turns `before` into `after`, as an editor sends it (incremental sync). */
export function changeEvent(before: string, after: string) {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const position = (offset: number) => {
    const line = before.slice(0, offset).split('\n');
    return { line: line.length - 1, character: line[line.length - 1]!.length };
  };
  return { range: { start: position(start), end: position(before.length - end) }, text: after.slice(start, after.length - end) };
}
