// The Markdown that describes an entitlement, from the schema: shown on hover and in completion.
import type { EntitlementInfo, EntitlementType } from '../../knowledge/entitlements';
import { sideLabel } from '../../knowledge/entitlements';

const TYPE_LABELS: Record<EntitlementType, string> = {
  boolean: 'Boolean (`<true/>`)',
  'usb-matches': 'Array of USB match dicts',
  'pci-matches': 'Array of PCI match dicts',
  'bundle-ids': 'Array of strings (dext bundle ids; one string is also accepted)',
};

export function typeLabel(type: EntitlementType): string {
  return TYPE_LABELS[type];
}

export function entitlementMarkdown(info: EntitlementInfo): string {
  const where = `${sideLabel(info.side)[0]!.toUpperCase()}${sideLabel(info.side).slice(1)}${info.platforms.length ? ` (${info.platforms.join(', ')})` : ''}`;
  const lines = [
    `**${info.key}**`,
    '',
    `*Type:* ${typeLabel(info.type)} · *Belongs in:* ${where}`,
    '',
    info.docs,
  ];
  if (info.forbidden) lines.push('', `**Not in a dext:** ${info.forbidden.reason}.`);
  if (info.defunct) lines.push('', `**No function:** ${info.defunct.reason}.`);
  if (info.development) lines.push('', `*Development:* ${info.development}`);
  if (info.approved) lines.push('', `*Approved:* ${info.approved}`);
  lines.push('', `*Source:* ${info.source}${info.verify ? ' (to verify)' : ''}`);
  return lines.join('\n');
}
