import { escapeXml, insertEntryEdit } from '../util/plist-edits';
import { classFamily, dextClassesOf } from '../util/personalities-families';
import { entryOf, personalities } from '../util/personalities';
import type { Rule, RuleFix } from '../types';

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
    reads: ['IOKitPersonalities'],
    fixable: true,
    docs: {
      summary: 'A DriverKit personality lacks `IOProviderClass`, `IOClass`, `IOUserServerName` or `IOUserClass`.',
      what: 'Reports, on the personality’s name, each of the four keys a DriverKit personality needs that it does not have.',
      why: 'Loading happens in two halves: the kernel matches `IOProviderClass` and attaches `IOClass`; then the system launches the dext found by `IOUserServerName` and instantiates `IOUserClass`. Without any one of them the dext never starts, and nothing is logged where a developer looks.',
      example: '```xml\n<key>MyDevice</key>\n<dict>\n    <key>IOProviderClass</key><string>IOUSBHostDevice</string>\n    <key>IOClass</key><string>IOUserService</string>\n    <key>IOUserClass</key><string>MyDriver</string>\n</dict>\n```',
      fix: 'Add the key. The quick fix inserts `IOUserServerName` = `$(PRODUCT_BUNDLE_IDENTIFIER)`, which Xcode resolves to the dext’s bundle id; for `IOClass` it offers the kernel class of the `IOUserClass`’s family (else `IOUserService`), and for `IOUserClass` the dext’s only service class when there is one.',
    },
  },
  check({ file, workspace, report }) {
    const classes = dextClassesOf(workspace, file);
    // The dext's service classes (user clients are not instantiated by a personality).
    const services = classes.map((c) => classFamily(classes, c.name)!).filter((c) => !c.chain.includes('IOUserClient'));
    for (const p of personalities(file)) {
      for (const [key, consequence] of Object.entries(REQUIRED)) {
        if (entryOf(p, key)) continue;
        const insert = (value: string, title: string, isPreferred = false): RuleFix => ({ title, edits: [insertEntryEdit(file, p.dict, key, `<string>${escapeXml(value)}</string>`)], isPreferred });
        const fixes: RuleFix[] = [];
        if (key === 'IOUserServerName') fixes.push(insert('$(PRODUCT_BUNDLE_IDENTIFIER)', 'Insert IOUserServerName = $(PRODUCT_BUNDLE_IDENTIFIER)', true));
        if (key === 'IOUserClass' && services.length === 1) fixes.push(insert(services[0]!.cls.name, `Insert IOUserClass = ${services[0]!.cls.name} (the dext's only service class)`));
        if (key === 'IOClass') {
          // The kernel class of the IOUserClass's family when the dext's .iig says; else the generic one.
          const kernelClass = (p.userClass ? classFamily(classes, p.userClass)?.family?.ioClass : undefined) ?? 'IOUserService';
          fixes.push(insert(kernelClass, `Insert IOClass = ${kernelClass}`));
        }
        report({
          start: p.entry.keySpan.start,
          end: p.entry.keySpan.end,
          message: `Personality '${p.name}' has no ${key}: ${consequence}. Add it.`,
          fixes,
        });
      }
    }
  },
};
