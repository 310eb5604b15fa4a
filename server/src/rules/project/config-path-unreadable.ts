// `config-path-unreadable`: a `profiles` entry of `.dextlintrc.json` that the product does not
// read, on the entry itself. The safe reader's refusals (workspace/read.ts) were logged, or
// summed up in the CLI's summary, and nothing in the editor pointed at the line to change.
import { profileEntryLocations } from '../../config';
import { describeRefusal } from '../../workspace/read';
import { MAX_WALK_ENTRIES } from '../../workspace/scan';
import { dirname } from '../../workspace/uri';
import type { PathRefusal } from '../../workspace/workspace';
import type { Rule } from '../types';

/** Refusals below a folder entry named in one message; the rest are counted. */
const NAMED = 3;

/** Why the entry, or a path below it, was not read, in the safe reader's words. */
function why(refusal: PathRefusal, folder: string): string {
  const below = refusal.below;
  const subject = below === undefined ? 'it' : below.startsWith(folder + '/') ? below.slice(folder.length + 1) : below;
  if (refusal.reason === 'walk-limit') return `the walk stopped after ${MAX_WALK_ENTRIES.toLocaleString('en')} entries`;
  const reason = `${subject} ${describeRefusal(refusal.reason)}`;
  return refusal.reason === 'outside' ? `${reason} (a repository's config may name only paths inside the workspace or Xcode's profile folders)` : reason;
}

export const configPathUnreadable: Rule = {
  meta: {
    id: 'config-path-unreadable',
    defaultSeverity: 'warning',
    appliesTo: ['config'],
    fixable: false,
    sources: [{ ref: "The product's own configuration format (.dextlintrc.json `profiles`): no DriverKit claim", primary: false }],
    docs: {
      summary: 'A `profiles` path of `.dextlintrc.json` that is not read: missing, not a regular file or folder, too large, or outside the workspace.',
      what: 'Reports, on the entry, a path of the `profiles` list that DEXT Tools does not read, and why: it does not exist; it is a FIFO, a device or a socket; it is larger than the size cap; it resolves (through a link) outside the workspace and Xcode’s profile folders; it cannot be read. For a folder, it names the files below it that were refused.',
      why: 'The provisioning profiles a config names are what `profile-mismatch` and `profile-expired` check the entitlements against. An entry that is not read leaves those checks silent, with nothing but a line in a log to say so; and a repository’s config must not make the editor read what is not the repository’s (a link to a token file, `/proc`, a FIFO that would block).',
      example: '```jsonc\n{ "profiles": ["Signing/Driver.provisionprofile"] }   // Signing/ was renamed\n```',
      fix: 'Correct the path, or remove the entry. Keep the profiles inside the repository; a profile elsewhere goes in the editor’s own `dext.profiles` setting, which the user controls.',
    },
  },
  check({ file, workspace, report }) {
    const refusals = workspace.refusedPathsOf(file.uri);
    if (!refusals.length) return;
    const folder = dirname(file.path);
    const reported = new Set<string>();
    for (const location of profileEntryLocations(file.text)) {
      // An entry written twice is reported once, on its first occurrence.
      if (reported.has(location.value)) continue;
      const mine = refusals.filter((r) => r.entry === location.value);
      if (!mine.length) continue;
      reported.add(location.value);
      const reasons = mine.slice(0, NAMED).map((r) => why(r, folder));
      const more = mine.length > NAMED ? `; and ${mine.length - NAMED} more` : '';
      // Only paths below it refused: the entry itself was read.
      const partly = mine.every((r) => r.below !== undefined || r.reason === 'walk-limit');
      report({
        start: location.offset,
        end: location.offset + location.length,
        message: `Profile path '${location.value}' is ${partly ? 'not wholly read' : 'not read'}: ${reasons.join('; ')}${more}.`,
      });
    }
  },
};
