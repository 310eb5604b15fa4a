import { dextCodeOf } from '../util/queues';
import { families, familyOf } from '../util/families';
import { replaceNodeEdit } from '../util/plist-edits';
import { entryOf, personalities } from '../util/personalities';
import type { Rule } from '../types';

export const ioclassFamilyMismatch: Rule = {
  meta: {
    id: 'ioclass-family-mismatch',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    fixable: true,
    docs: {
      summary: '`IOClass` is not the kernel class the `IOUserClass`’s family requires.',
      what: 'Follows `IOUserClass` through the dext’s `.iig` superclasses to a DriverKit family (`schemas/families.jsonc`) and reports an `IOClass` other than that family’s kernel class: e.g. `IOUserService` for an `IOUserSCSIPeripheralDeviceType00` subclass. Also reports an `IOClass` that is a DriverKit class name with a different kernel class (`IOUserHIDEventService` instead of `AppleUserHIDEventService`), even without `.iig` files. Error for high-confidence families, warning for medium ones.',
      why: 'The kernel class decides which kernel methods exist and which family entitlement is checked: with `IOUserService` in place of the family class, calls into the family return `kIOReturnUnsupported`, or the family entitlement check fails.',
      example: '```xml\n<key>IOClass</key>\n<string>IOUserHIDEventService</string>\n```',
      fix: 'Use the family’s kernel class (quick fix).',
    },
  },
  check({ file, workspace, report }) {
    const code = dextCodeOf(workspace, file);
    const all = families();
    for (const p of personalities(file)) {
      const node = entryOf(p, 'IOClass')?.value;
      if (node?.kind !== 'string' || !p.ioClass) continue;
      const cls = p.userClass ? code?.classes.find((c) => c.name === p.userClass) : undefined;
      const family = cls ? familyOf(cls, code!.classes) : all.find((f) => f.superclass === p.ioClass && f.ioClass && f.ioClass !== p.ioClass);
      if (!family?.ioClass || family.ioClass === p.ioClass) continue;
      // Families whose kernel class is the generic one accept it; only a named family class is checked.
      if (family.ioClass === 'IOUserService') continue;
      const soft = family.confidence !== 'H';
      report({
        start: node.start,
        end: node.end,
        severity: soft ? 'warning' : undefined,
        message: `IOClass '${p.ioClass}' in personality '${p.name}', but ${cls ? `${cls.name} derives from ${family.superclass}, whose` : `'${p.ioClass}' is a DriverKit class name; the`} kernel class is '${family.ioClass}': family calls return kIOReturnUnsupported or the family entitlement check fails. Use '${family.ioClass}'${soft ? ' (verify: medium-confidence family fact)' : ''}.`,
        fixes: [{ title: `Use '${family.ioClass}'`, edits: [replaceNodeEdit(node, `<string>${family.ioClass}</string>`)], isPreferred: !soft }],
      });
    }
  },
};
