import { insertEntryEdit, replaceNodeEdit } from '../util/plist-edits';
import { families } from '../util/families';
import { entryOf, personalities } from '../util/personalities';
import type { Rule } from '../types';

export const kernelBundleMismatch: Rule = {
  meta: {
    id: 'kernel-bundle-mismatch',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    docs: {
      summary: '`CFBundleIdentifierKernel` does not name the kext of the family `IOClass`.',
      what: 'Reports a personality whose `IOClass` is a family kernel class implemented outside `com.apple.kpi.iokit` (e.g. `IOUserNetworkEthernet` in `com.apple.iokit.IOSkywalkFamily`) when `CFBundleIdentifierKernel` is absent or names another kext.',
      why: 'The kernel loads the kext named by `CFBundleIdentifierKernel` (absent: the personality’s `CFBundleIdentifier`) before matching: the family class is never loaded and nothing matches.',
      example: '```xml\n<key>IOClass</key><string>IOUserNetworkEthernet</string>\n<key>CFBundleIdentifierKernel</key><string>com.apple.kpi.iokit</string>\n```',
      fix: 'Set the family’s kext id (quick fix).',
    },
  },
  check({ file, report }) {
    for (const p of personalities(file)) {
      const family = families().find((f) => f.ioClass === p.ioClass && f.kernelBundle && f.kernelBundle !== 'com.apple.kpi.iokit');
      if (!family) continue;
      const entry = entryOf(p, 'CFBundleIdentifierKernel');
      const node = entry?.value;
      const current = node?.kind === 'string' ? node.text.trim() : undefined;
      if (current === family.kernelBundle) continue;
      const xml = `<string>${family.kernelBundle}</string>`;
      report({
        start: (node ?? p.entry.keySpan).start,
        end: (node ?? p.entry.keySpan).end,
        severity: family.verify ? 'warning' : undefined,
        message: `IOClass ${p.ioClass} lives in ${family.kernelBundle}, but CFBundleIdentifierKernel ${current ? `is '${current}'` : 'is missing'} in personality '${p.name}': the kernel never loads the family class and nothing matches. Set it to ${family.kernelBundle}.`,
        fixes: [{ title: `Set CFBundleIdentifierKernel to ${family.kernelBundle}`, edits: [node ? replaceNodeEdit(node, xml) : insertEntryEdit(file, p.dict, 'CFBundleIdentifierKernel', xml)], isPreferred: true }],
      });
    }
  },
};
