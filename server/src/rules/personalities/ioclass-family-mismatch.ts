import { replaceNodeEdit } from '../util/plist-edits';
import { classFamily, dextClassesOf, familyMisnamedBy, isGenericFamily, type FamilyFacts } from '../util/personalities-families';
import { entryOf, personalities } from '../util/personalities';
import type { Rule } from '../types';

/** rules.md: error for H rows and the seed's SCSI peripheral case, warning for M rows. */
const isSoft = (family: FamilyFacts) => family.confidence === 'M';

export const ioclassFamilyMismatch: Rule = {
  meta: {
    id: 'ioclass-family-mismatch',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    docs: {
      summary: '`IOClass` is not the kernel class the `IOUserClass`’s family requires.',
      what: 'Follows `IOUserClass` through the dext’s `.iig` superclasses to the first DriverKit family class (`schemas/families.jsonc`, driverkit.md §7) and reports an `IOClass` other than that family’s kernel class: e.g. `IOUserService` for an `IOUserSCSIPeripheralDeviceType00` subclass. Also reports, even without `.iig` files, an `IOClass` that names a DriverKit class whose kernel class is another one (`IOUserHIDEventService` instead of `AppleUserHIDEventService`, `IOUserAudioDriver` instead of `IOUserService`). Error for the high-confidence families and the SCSI peripheral case; warning for the medium-confidence ones (verify).',
      why: 'The kernel class decides which kernel methods exist and which family entitlement is checked: with `IOUserService` in place of the family class, calls into the family return `kIOReturnUnsupported`; with a DriverKit name that is no kernel class, nothing is instantiated at all.',
      example: '```xml\n<key>IOClass</key>\n<string>IOUserHIDEventService</string>\n```',
      fix: 'Use the family’s kernel class (quick fix).',
    },
  },
  check({ file, workspace, report }) {
    const classes = dextClassesOf(workspace, file);
    for (const p of personalities(file)) {
      const node = entryOf(p, 'IOClass')?.value;
      if (node?.kind !== 'string' || !p.ioClass) continue;
      const fromClass = p.userClass ? classFamily(classes, p.userClass) : undefined;
      // A class of the dext decides; without one, only an IOClass that is a DriverKit class name.
      const family = fromClass ? fromClass.family : familyMisnamedBy(p.ioClass);
      if (!family?.ioClass || family.ioClass === p.ioClass) continue;
      // The generic row accepts other kernel classes we may not know of: stay silent.
      if (isGenericFamily(family)) continue;
      const soft = isSoft(family);
      const why = fromClass
        ? `${fromClass.chain.join(' → ')} belongs to the ${family.superclass} family, whose kernel class is '${family.ioClass}'`
        : `'${p.ioClass}' is the DriverKit class; the kernel class of the ${family.superclass} family is '${family.ioClass}'`;
      report({
        start: node.start,
        end: node.end,
        severity: soft ? 'warning' : undefined,
        message: `IOClass '${p.ioClass}' in personality '${p.name}': ${why}. With the wrong kernel class, family calls return kIOReturnUnsupported or the family entitlement check fails. Use '${family.ioClass}'${soft ? ' (verify: medium-confidence family fact)' : ''}.`,
        fixes: [{ title: `Use '${family.ioClass}'`, edits: [replaceNodeEdit(node, `<string>${family.ioClass}</string>`)], isPreferred: !soft }],
      });
    }
  },
};
