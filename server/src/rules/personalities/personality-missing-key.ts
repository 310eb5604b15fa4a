import { insertEntryEdit } from '../util/plist-edits';
import { entryOf, personalities } from '../util/personalities';
import type { Rule } from '../types';

const REQUIRED: Record<string, string> = {
  IOProviderClass: 'the kernel never knows what to match on',
  IOClass: 'the kernel has no class to attach',
  IOUserServerName: 'the system cannot find the dext (it is looked up by this bundle id)',
  IOUserClass: 'the system does not know which class of the dext to instantiate',
};

export const personalityMissingKey: Rule = {
  meta: {
    id: 'personality-missing-key',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    fixable: true,
    docs: {
      summary: 'A DriverKit personality lacks `IOProviderClass`, `IOClass`, `IOUserServerName` or `IOUserClass`.',
      what: 'Reports, on the personality’s name, each of the four keys a DriverKit personality needs that it does not have.',
      why: 'Loading happens in two halves: the kernel matches `IOProviderClass` and attaches `IOClass`; then the system launches the dext found by `IOUserServerName` and instantiates `IOUserClass`. Without any one of them the dext never starts, and nothing is logged where a developer looks.',
      example: '```xml\n<key>MyDevice</key>\n<dict>\n    <key>IOProviderClass</key><string>IOUSBHostDevice</string>\n    <key>IOClass</key><string>IOUserService</string>\n    <key>IOUserClass</key><string>MyDriver</string>\n</dict>\n```',
      fix: 'Add the key. The quick fix inserts `IOUserServerName` = `$(PRODUCT_BUNDLE_IDENTIFIER)`, which Xcode resolves to the dext’s bundle id.',
    },
  },
  check({ file, report }) {
    for (const p of personalities(file)) {
      for (const [key, consequence] of Object.entries(REQUIRED)) {
        if (entryOf(p, key)) continue;
        report({
          start: p.entry.keySpan.start,
          end: p.entry.keySpan.end,
          message: `Personality '${p.name}' has no ${key}: ${consequence}. Add it.`,
          fixes: key === 'IOUserServerName' ? [{ title: 'Insert IOUserServerName = $(PRODUCT_BUNDLE_IDENTIFIER)', edits: [insertEntryEdit(file.text, p.dict, key, '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>')], isPreferred: true }] : [],
        });
      }
    }
  },
};
