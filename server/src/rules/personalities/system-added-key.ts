import { removeEntryEdit } from '../../plist/edits';
import { forEachDict } from '../../plist/walk';
import { personalitySchema } from '../../knowledge/personalities';
import type { Rule } from '../types';

export const systemAddedKey: Rule = {
  meta: {
    id: 'system-added-key',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    fixable: true,
    docs: {
      summary: '`IOUserServerCDHash`, `IOPersonalityPublisher` or `OSBundleDextUniqueIdentifier` written by hand.',
      what: 'Reports any of the keys the system adds to a dext’s personalities when it installs the dext, found in the source Info.plist (often copied from `ioreg` output).',
      why: 'The system computes these values; a stale hand-written one (a CD hash of another build) makes matching or launch fail.',
      example: '```xml\n<key>IOUserServerCDHash</key>\n<string>3f5c…</string>\n```',
      fix: 'Remove the key (quick fix).',
    },
  },
  check({ file, report }) {
    if (file.plist.binary) return;
    const added = new Set(personalitySchema().systemAddedKeys);
    forEachDict(file.plist, (dict) => {
      for (const entry of dict.entries) {
        if (!added.has(entry.key)) continue;
        report({ start: entry.keySpan.start, end: entry.keySpan.end, message: `${entry.key} is added by the system when the dext is installed: a hand-written value is stale and breaks matching or launch. Remove it.`, fixes: [{ title: `Remove ${entry.key}`, edits: [removeEntryEdit(file.text, entry)], isPreferred: true }] });
      }
    });
  },
};
