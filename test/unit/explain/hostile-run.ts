// Runs every log pattern and the code scanner on long hostile lines; prints how many matched.
// Spawned by log-patterns.test.ts with a time bound, so a regex that backtracks badly fails the
// test instead of hanging it.
import { codesInLine } from '../../../server/src/explain/codes';
import { logPatterns, matchLogLine } from '../../../server/src/explain/log-patterns';
import { hostileLines } from './regex-shape';
import { PATTERN_SAMPLES } from './samples';

const LENGTH = 200_000;
let matched = 0;
for (const pattern of logPatterns()) {
  const sample = PATTERN_SAMPLES[pattern.id]!.line;
  for (const line of hostileLines(sample, LENGTH)) {
    for (const regex of [...pattern.matchRegexes, ...pattern.contextRegexes]) if (regex.exec(line)) matched++;
    codesInLine(line, 0, { bareCaseNames: true });
  }
}
for (const fragment of ['0x', '-5', '3758', 'kIOReturn', '(iokit/common) ', 'OSSystemExtensionError.', 'OSSystemExtensionErrorDomain error ', 'e000', '.missing', 'DK: ', 'IOUserServer(', 'Driver "']) {
  const line = fragment.repeat(Math.ceil(LENGTH / fragment.length));
  codesInLine(line, 0, { bareCaseNames: true });
  if (matchLogLine(line)) matched++;
}
process.stdout.write(`${matched}\n`);
