// The reliability probe's P10 workspace: thousands of small plists, each with a duplicated key, so
// that every file publishes a diagnostic at scan time. The responsiveness tests and the benchmark
// of request waits during a scan read the same shape.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DUPLICATED_KEY_PLIST = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>A</key>\n\t<true/>\n\t<key>A</key>\n\t<true/>\n</dict>\n</plist>\n';

/** Writes `count` such plists under `folder`, 200 per subfolder (`d0/f0.plist`, `d0/f1.plist`, …). */
export function writeManyPlists(folder: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const dir = join(folder, `d${Math.floor(i / 200)}`);
    if (i % 200 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.plist`), DUPLICATED_KEY_PLIST);
  }
}
