// The keystroke path, run before the first keystroke. A server's first edits are several times
// slower than its later ones (bench/README.md, cold keystrokes): the functions a keystroke runs
// (the change, the re-read of the element, the rules' kept reports, the conversions) are compiled
// when first called, and run unoptimised until called often. Run on a scratch project of its
// own, after the scan, they are compiled and optimised before the user types; the user's
// workspace is not touched.
import { CLEAN_DRIVER_PROJECT, DRIVERKIT_ONLY_ENTITLEMENTS } from '../example-projects';
import { pathToUri } from '../../workspace/uri';
import { Workspace } from '../../workspace/workspace';
import { validateFile, type ValidationOptions } from './validation';

/** The scratch project: a clean dext, its entitlements. */
const PROJECT: Record<string, string> = { ...CLEAN_DRIVER_PROJECT, 'Driver/Driver.entitlements': DRIVERKIT_ONLY_ENTITLEMENTS };

/**
 * Where typing happens in the scratch Info.plist, the text before the cursor: a root value (its
 * rules' reports are kept) and a personality's IOUserClass (that personality is checked again,
 * and reports a class the .iig does not declare).
 */
const TYPED_AFTER = ['Drives the Exam', '<string>MyDri'];

/** Keystrokes between two turns of the event loop: a request made meanwhile waits for a few milliseconds at most. */
const SLICE = 20;

/**
 * Types `keystrokes` characters into a scratch project in a workspace of its own, alternating the
 * place, range and whole-document changes, each followed by a validation with `options`; stops
 * early when `shouldStop` says so.
 */
export async function warmUp(options: ValidationOptions, keystrokes: number, shouldStop: () => boolean = () => false): Promise<void> {
  const workspace = new Workspace();
  const root = '/dext-warm-up';
  for (const [path, text] of Object.entries(PROJECT)) workspace.set(pathToUri(`${root}/${path}`), text, 1);
  const uri = pathToUri(`${root}/Driver/Info.plist`);
  const file = workspace.get(uri)!;
  let text = PROJECT['Driver/Info.plist']!;
  validateFile(workspace, file, options);
  for (let i = 0; i < keystrokes; i++) {
    if (i % SLICE === SLICE - 1) {
      await new Promise((resolve) => setImmediate(resolve));
      if (shouldStop()) return;
    }
    // The character after the place, replaced by another and back again.
    const anchor = TYPED_AFTER[i % TYPED_AFTER.length]!;
    const at = text.indexOf(anchor) + anchor.length;
    const next = text.slice(0, at) + (text[at] === 'x' ? 'v' : 'x') + text.slice(at + 1);
    const change = i % 4 < 2 ? { range: rangeOf(text, at, at + 1), text: next[at]! } : { text: next };
    text = next;
    workspace.applyChanges(uri, [change], i + 2);
    validateFile(workspace, file, options);
  }
}

function rangeOf(text: string, start: number, end: number) {
  const position = (offset: number) => {
    const line = text.slice(0, offset).split('\n');
    return { line: line.length - 1, character: line[line.length - 1]!.length };
  };
  return { start: position(start), end: position(end) };
}
