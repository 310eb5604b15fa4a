// Preloaded into the server by the keystroke benchmark (`node --require`): reports each garbage
// collection on stderr (stdout is the LSP channel) as `dext-gc <kind> <start epoch ms> <duration ms>`,
// so the benchmark can count the collections that fall within a measured phase.
const { PerformanceObserver, constants, performance } = require('node:perf_hooks');

const kinds = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = kinds[entry.detail?.kind ?? entry.kind] ?? 'other';
    process.stderr.write(`dext-gc ${kind} ${(performance.timeOrigin + entry.startTime).toFixed(3)} ${entry.duration.toFixed(3)}\n`);
  }
}).observe({ entryTypes: ['gc'] });
