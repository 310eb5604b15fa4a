import { getEntry } from '../../plist';
import { insertEntryEdit } from '../util/plist-edits';
import { infoRoot, personalities, rootTagSpan } from '../util/personalities';
import type { Rule } from '../types';

export const missingUsageDescription: Rule = {
  meta: {
    id: 'missing-usage-description',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    reads: ['OSBundleUsageDescription', 'IOKitPersonalities'],
    fixable: true,
    docs: {
      summary: 'A dext `Info.plist` without a top-level `OSBundleUsageDescription`.',
      what: 'Reports a dext Info.plist whose top-level dictionary has no `OSBundleUsageDescription`; one placed inside a personality instead is named in the message.',
      why: 'The system shows this text when the user approves the extension; without it activation fails. Inside a personality it is just another matching property.',
      example: '```xml\n<key>OSBundleUsageDescription</key>\n<string>Drives the Example USB sensor.</string>\n```',
      fix: 'Add it at the top level (quick fix, with a placeholder sentence to edit).',
    },
  },
  check({ file, report }) {
    const root = infoRoot(file);
    if (!root || file.plist.binary || getEntry(root, 'OSBundleUsageDescription')) return;
    const misplaced = personalities(file).find((p) => getEntry(p.dict, 'OSBundleUsageDescription'));
    report({
      ...rootTagSpan(root),
      message: `This dext Info.plist has no top-level OSBundleUsageDescription: activation fails without it.${misplaced ? ` The one in personality '${misplaced.name}' is not read there: move it to the top level.` : ''} Add a sentence saying what the driver does.`,
      fixes: [{ title: 'Insert OSBundleUsageDescription (edit the sentence)', edits: [insertEntryEdit(file, root, 'OSBundleUsageDescription', '<string>Drives the device this extension supports.</string>')] }],
    });
  },
};
