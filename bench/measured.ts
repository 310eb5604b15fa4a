// What the benchmarks measure in-process: the three plist readers, and one keystroke of our
// language service. bench/run.ts bundles this file with the options of the shipped server
// (scripts/esbuild-options.mjs) and measures that bundle, the code users run. Run from TypeScript
// through tsx instead, every closure gets a `__name()` call (tsx keeps function names), which
// made our parser 1.7-2.7x slower on small files.
import { getLanguageService } from '../server/src/service';
import { pathToUri } from '../server/src/workspace/uri';
import { Workspace } from '../server/src/workspace/workspace';

export { parse as fastPlistParse } from 'fast-plist';
export { parse as plistParse } from 'plist';
export { parsePlist } from '../server/src/plist';

/**
 * A long-lived workspace with one Info.plist: each call sets the text and validates it, the whole
 * of it. Setting the same text again now costs nothing (the edit is empty, the tree and the
 * reports are kept), so every other call spells the root `<dict>` tag `<dict >`: a change outside
 * every element's content, read with a whole parse and checked by every rule.
 */
export function keystrokeSession(): (text: string) => number {
  const workspace = new Workspace();
  const service = getLanguageService(workspace);
  const uri = pathToUri('/bench/Driver/Info.plist');
  let version = 0;
  return (text) => {
    workspace.set(uri, ++version % 2 ? text : text.replace('<dict>', '<dict >'), version);
    return service.doValidation(uri).length;
  };
}

// The matcher (issue #17), measured as shipped: see bench/matching.ts.
export { readRegistryDump } from '../server/src/matching/dump';
export { matchPersonality } from '../server/src/matching/match';
