import { removeEntryEdit } from '../util/plist-edits';
import { entryOf, personalities } from '../util/personalities';
import type { Rule } from '../types';

export const oneProcessFalse: Rule = {
  meta: {
    id: 'one-process-false',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    fixable: true,
    docs: {
      summary: '`IOUserServerOneProcess` = `<false/>`: the kernel reads presence only, so process sharing is on.',
      what: 'Reports `IOUserServerOneProcess` set to `<false/>`.',
      why: 'The kernel tests only whether the key exists: `<false/>` still makes all matching services share one dext process, the opposite of what it says.',
      example: '```xml\n<key>IOUserServerOneProcess</key>\n<false/>\n```',
      fix: 'Remove the key to get one process per service (quick fix); write `<true/>` if sharing is meant.',
    },
  },
  check({ file, report }) {
    for (const p of personalities(file)) {
      const entry = entryOf(p, 'IOUserServerOneProcess');
      if (entry?.value?.kind !== 'false') continue;
      report({ start: entry.keySpan.start, end: entry.value.end, message: `IOUserServerOneProcess is <false/> in personality '${p.name}', but the kernel only checks that the key exists: process sharing is ON. Remove the key to turn it off.`, fixes: [{ title: 'Remove IOUserServerOneProcess', edits: [removeEntryEdit(file.text, entry)], isPreferred: true }] });
    }
  },
};
