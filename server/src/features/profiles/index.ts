// Editor features of provisioning profiles: on a key of an entitlements file, what the profile
// that applies to the target grants for it, and whether the file's value is allowed.
import { getValue, nodeAt } from '../../plist';
import { choiceSentence, dayOf, formatNode, isComparedKey, isExpired, profileForEntitlements, profileLabel, ungrantedValues } from '../../profiles';
import type { FeatureContribution } from '../types';

export const profileFeatures: FeatureContribution = {
  name: 'profiles',
  appliesTo: ['dext-entitlements', 'app-entitlements'],

  hover({ file, workspace, offset }) {
    const root = file.plist.root;
    const at = nodeAt(file.plist, offset);
    if (!at.inKey || !at.entry || at.entry.dict !== root || root?.kind !== 'dict') return undefined;
    const applied = profileForEntitlements(workspace, file);
    if (!applied) return undefined;
    const key = at.entry.key;
    const granted = getValue(applied.profile.entitlements, key);
    const p = applied.profile;
    const expiry = p.expirationDate ? `, ${isExpired(p) ? '**expired**' : 'expires'} ${dayOf(p.expirationDate)}` : '';
    const lines = [`**${profileLabel(applied)}** (${p.kind}, ${p.method}, \`${p.applicationIdentifier}\`${expiry})`];
    if (!granted) lines.push(`Does not include \`${key}\`.`);
    else lines.push(`Grants:\n\`\`\`\n${formatNode(granted, 600)}\n\`\`\``);
    if (!isComparedKey(key, !!granted)) lines.push('Xcode does not check this key against the profile.');
    else {
      const faults = ungrantedValues(root, applied.profile.entitlements, applied.resolve).filter((u) => u.entry.key === key);
      if (faults.length) lines.push(`The file's value is **not** allowed (\`profile-mismatch\`: ${faults.length} finding${faults.length === 1 ? '' : 's'}).`);
      else if (granted) lines.push("The file's value is allowed.");
    }
    const choice = choiceSentence(applied).trim();
    if (choice) lines.push(choice);
    return { contents: lines.filter(Boolean).join('\n\n'), start: at.entry.keySpan.start, end: at.entry.keySpan.end };
  },
};
