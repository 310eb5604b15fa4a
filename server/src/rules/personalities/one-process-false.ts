import { bundleContextOf, organizationOf } from '../util/personalities-bundle';
import { removeEntryEdit } from '../util/plist-edits';
import { entryOf, personalities, stringOf } from '../util/personalities';
import type { Rule } from '../types';

export const oneProcessFalse: Rule = {
  meta: {
    id: 'one-process-false',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities', 'CFBundleIdentifier'],
    fixable: true,
    docs: {
      summary: '`IOUserServerOneProcess` = `<false/>` (the kernel reads presence only, so process sharing is on), or sharing with an `IOUserServerName` of another organization.',
      what: 'Reports `IOUserServerOneProcess` set to `<false/>`; and, when the key is present, an `IOUserServerName` whose first two dot-separated parts differ from the dext’s bundle id’s (both resolved through the dext target when there is a project file; unresolved values are never compared).',
      why: 'The kernel tests only whether the key exists: `<false/>` still makes all matching services share one dext process, the opposite of what it says. Sharing also requires the server name to belong to the bundle id’s organization (its first two parts); otherwise the kernel refuses it and logs "not correct organization".',
      example: '```xml\n<key>IOUserServerOneProcess</key>\n<false/>\n```',
      fix: 'Remove the key to get one process per service (quick fix); write `<true/>` if sharing is meant, with `IOUserServerName` = `$(PRODUCT_BUNDLE_IDENTIFIER)`.',
    },
  },
  check({ file, workspace, report }) {
    const bundle = bundleContextOf(workspace, file);
    for (const p of personalities(file)) {
      const entry = entryOf(p, 'IOUserServerOneProcess');
      if (!entry) continue;
      const remove = { title: 'Remove IOUserServerOneProcess', edits: [removeEntryEdit(file.text, entry)] };
      if (entry.value?.kind === 'false') {
        // What <false/> means to say: no sharing, which is the key's absence.
        report({ start: entry.keySpan.start, end: entry.value.end, message: `IOUserServerOneProcess is <false/> in personality '${p.name}', but the kernel only checks that the key exists: process sharing is ON. Remove the key to turn it off.`, fixes: [{ ...remove, isPreferred: true }] });
        continue;
      }
      const serverText = stringOf(p.dict, 'IOUserServerName');
      const bundleText = stringOf(p.dict, 'CFBundleIdentifier');
      // Same text (usually both $(PRODUCT_BUNDLE_IDENTIFIER)) is the same id, resolved or not.
      if (!serverText || serverText === bundleText) continue;
      const server = bundle.resolve(serverText);
      const bundleId = bundle.bundleId ?? (bundleText ? bundle.resolve(bundleText) : undefined);
      if (!server || !bundleId || organizationOf(server) === organizationOf(bundleId)) continue;
      report({
        start: entry.keySpan.start,
        end: entry.keySpan.end,
        message: `Personality '${p.name}' shares one process (IOUserServerOneProcess) with IOUserServerName '${server}', outside the organization '${organizationOf(bundleId)}' of the bundle id '${bundleId}': the kernel refuses the shared process and logs "not correct organization". Use $(PRODUCT_BUNDLE_IDENTIFIER) as the server name, or remove the key.`,
        fixes: [remove],
      });
    }
  },
};
