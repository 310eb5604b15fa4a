import type { PlistNode } from '../../plist/types';
import { ENTITLEMENT_KINDS } from '../../workspace/files';
import type { Rule, RuleFix } from '../types';
import { effectiveEntries, kindLabel } from '../../dext/entitlements-file';
import { entitlementInfo } from '../../knowledge/entitlements';
import { replaceNodeEdit } from '../../plist/edits';

const TRUE_WORDS = new Set(['yes', 'true', '1']);
const FALSE_WORDS = new Set(['no', 'false', '0']);

/** `<string>YES</string>`, `<integer>1</integer>` → `<true/>`: only when the intent is unambiguous. */
function booleanFix(node: PlistNode): RuleFix | undefined {
  let word: string | undefined;
  if (node.kind === 'string') word = node.text.trim().toLowerCase();
  else if (node.kind === 'integer' && (node.value === 0 || node.value === 1)) word = String(node.value);
  if (word === undefined) return undefined;
  const xml = TRUE_WORDS.has(word) ? '<true/>' : FALSE_WORDS.has(word) ? '<false/>' : undefined;
  return xml ? { title: `Replace with ${xml}`, edits: [replaceNodeEdit(node, xml)], isPreferred: true } : undefined;
}

export const entitlementType: Rule = {
  meta: {
    id: 'entitlement-type',
    defaultSeverity: 'error',
    appliesTo: ENTITLEMENT_KINDS,
    fixable: true,
    docs: {
      summary: 'A known entitlement with a value of the wrong type.',
      what:
        'Reports a known entitlement whose value has the wrong plist type: `<string>YES</string>` or `<integer>1</integer>` for a boolean, a dict or a boolean for `userclient-access` (an array of strings, or one string), a non-string element in that array. The transport entitlements have their own rules (`transport-shape`, `usb-vendor-type`, `pci-match-syntax`).',
      why:
        'Entitlements are compared by type: `<string>YES</string>` is not `true`, so the permission is missing at run time, and the value does not match the provisioning profile either, so signing fails with "doesn\'t match the entitlements file\'s value".',
      example: '```xml\n<key>com.apple.developer.driverkit</key>\n<string>YES</string>\n```',
      fix: 'Write the value with the right type. The quick fix converts `YES`/`true`/`1` to `<true/>` and `NO`/`false`/`0` to `<false/>`.',
    },
  },
  check(context) {
    for (const entry of effectiveEntries(context.file)) {
      const info = entitlementInfo(entry.key);
      const value = entry.value;
      if (!info || !value) continue;
      if (info.type === 'boolean') {
        if (value.kind === 'true' || value.kind === 'false') continue;
        const fix = booleanFix(value);
        context.report({
          start: value.start,
          end: value.end,
          message: `'${entry.key}' is a boolean, but its value is ${kindLabel(value)}: the system reads it as absent. Write <true/> (or <false/>).`,
          fixes: fix ? [fix] : [],
        });
      } else if (info.type === 'bundle-ids') {
        if (value.kind === 'string') continue;
        if (value.kind !== 'array') {
          context.report({
            start: value.start,
            end: value.end,
            message: `'${entry.key}' is an array of dext bundle ids (<array><string>com.example.driver</string></array>), but its value is ${kindLabel(value)}: it grants access to no dext.`,
          });
          continue;
        }
        for (const item of value.items) {
          if (item.kind === 'string') continue;
          context.report({
            start: item.start,
            end: item.end,
            message: `Each element of '${entry.key}' is a dext bundle id <string>; this one is ${kindLabel(item)} and grants nothing.`,
          });
        }
      }
    }
  },
};
