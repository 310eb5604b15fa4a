import type { Rule } from '../types';
import { dextContextOf } from '../../dext/context';
import { familyNeeds } from '../../dext/family-entitlements';
import { isTrue, openTagSpan, rootDictOf, topEntry } from '../../dext/entitlements-file';
import { insertEntryEdit, replaceNodeEdit } from '../../plist/edits';

export const dextMissingFamily: Rule = {
  meta: {
    id: 'dext-missing-family',
    defaultSeverity: 'warning',
    appliesTo: ['dext-entitlements'],
    fixable: true,
    verify: true,
    docs: {
      summary: 'The dext uses a family (HID, networking, serial, SCSI, audio, …) whose entitlement its entitlements lack.',
      what:
        'Finds the families the dext uses, from the kernel class its personalities name in `IOClass` (e.g. `AppleUserHIDEventService`, `IOUserNetworkEthernet`, `IOUserSCSIParallelInterfaceController`) and from the superclasses of the classes in its `.iig` files (e.g. `IOUserAudioDriver`), and reports each family entitlement (`family.hid.eventservice`, `family.networking`, `family.scsicontroller`, `family.audio`, …) the entitlements file lacks. The family table is `schemas/families.jsonc` (driverkit.md §7); some rows are medium confidence (verify), so this is a warning.',
      why:
        'When a dext service starts, the kernel class named by `IOClass` checks the family entitlement it requires; without it the service is refused with "family entitlements check failed" in the kernel log and nothing else to go on.',
      example: '```xml\n<!-- Info.plist: IOClass = AppleUserHIDEventService -->\n<dict>\n    <key>com.apple.developer.driverkit</key>\n    <true/>\n</dict>\n```',
      fix: 'Add the family entitlement (the quick fix inserts it as `<true/>`) and have it granted for the dext\'s app id.',
    },
  },
  check(context) {
    const { file, workspace } = context;
    const root = rootDictOf(file);
    if (!root) return;
    const dext = dextContextOf(workspace, file);
    if (!dext) return;
    for (const need of familyNeeds(workspace, dext)) {
      const present = need.keys.map((k) => topEntry(file, k)).filter((e) => e !== undefined);
      if (present.some((e) => isTrue(e.value))) continue;
      const off = present.find((e) => e.value?.kind === 'false');
      if (present.length && !off) continue; // present with a value of another type: entitlement-type
      const because = `${need.because[0]!.toUpperCase()}${need.because.slice(1)}, which requires '${need.keys.join("' or '")}'`;
      const consequence = 'the kernel refuses the service ("family entitlements check failed")';
      const related = need.related ? { related: [need.related] } : {};
      if (off?.value) {
        context.report({
          start: off.value.start,
          end: off.value.end,
          message: `${because}, but it is false here: ${consequence}. Set it to <true/> (verify against Apple's documentation for the family).`,
          fixes: [{ title: 'Set it to <true/>', edits: [replaceNodeEdit(off.value, '<true/>')] }],
          ...related,
        });
        continue;
      }
      const key = need.keys[0]!;
      context.report({
        ...openTagSpan(file, root),
        message: `${because}, but these entitlements lack it: ${consequence}. Add it (verify against Apple's documentation for the family).`,
        fixes: [{ title: `Add '${key}'`, edits: [insertEntryEdit(file, root, key, '<true/>')] }],
        ...related,
      });
    }
  },
};
