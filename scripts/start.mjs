// `npm start`: after the build, lint the bundled example project. Its mistakes are deliberate, so
// finding errors (exit status 1) is the expected outcome here; only a crash or a usage error fails.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['bin/dextlint.js', 'examples/'], { stdio: 'inherit' });
if (result.status === 0 || result.status === 1) {
  console.log(`\ndextlint exited with ${result.status}: examples/SensorKit holds deliberate, commented mistakes.`);
  console.log('Run it on your own project: npm install -g dext-tools, then dextlint path/to/YourProject');
  process.exit(0);
}
process.exit(result.status ?? 1);
