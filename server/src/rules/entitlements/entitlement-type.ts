import type { PlistNode } from '../../plist/types';
import { ENTITLEMENT_KINDS } from '../../workspace/files';
import type { Rule, RuleFix } from '../types';
import { effectiveEntries, kindLabel, sideOfKind } from '../../dext/entitlements-file';
import { belongsOn, entitlementInfo } from '../../knowledge/entitlements';
import { replaceNodeEdit } from '../../plist/edits';
import { DRIVERKIT_ONLY_ENTITLEMENTS } from '../example-projects';

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
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/bsddev/IOKitBSDInit.cpp:1590-1605 (AMFI queryEntitlementBooleanWithProc)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:4129, 4744, 4754 (== kOSBooleanTrue); 2643-2648, 4770 (presence only)', primary: true },
      { ref: 'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.driverkit.userclient-access', primary: true },
      { ref: 'https://developer.apple.com/forums/thread/680284 (Apple DTS: entitlements must match the profile)', primary: false },
    ],
    docs: {
      summary: 'A known entitlement with a value of the wrong type.',
      what:
        'Reports a known entitlement whose value has the wrong plist type: `<string>YES</string>` or `<integer>1</integer>` for a boolean, a dict or a boolean for `userclient-access` (an array of strings, or one string), a non-string element in that array. Error for the keys the kernel reads as booleans (`com.apple.developer.driverkit`, `communicates-with-drivers`, `allow-third-party-userclients`) and for `userclient-access`; warning for the others. A key on the wrong side is reported by `entitlement-wrong-side` only. The transport entitlements have their own rules (`transport-shape`, `usb-vendor-type`, `pci-match-syntax`).',
      why:
        'The kernel reads `com.apple.developer.driverkit` with a boolean entitlement query and `communicates-with-drivers` / `allow-third-party-userclients` as `== kOSBooleanTrue` (xnu `IOKitBSDInit.cpp`, `IOUserServer.cpp`): `<string>YES</string>` is not `true`, so the permission is missing at run time. `userclient-access` is compared element by element with the service\'s `CFBundleIdentifier`, so a non-string grants nothing. The transport, family and `allow-any-userclient-access` keys are tested for presence only, so there the wrong type works at run time, but the value differs from the `<true/>` the provisioning profile carries (Apple DTS: the entitlements must match the profile).',
      example: '```xml\n<key>com.apple.developer.driverkit</key>\n<string>YES</string>\n```',
      fix: 'Write the value with the right type. The quick fix converts `YES`/`true`/`1` to `<true/>` and `NO`/`false`/`0` to `<false/>`.',
      examples: {
        invalid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<string>YES</string>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Driver.entitlements': DRIVERKIT_ONLY_ENTITLEMENTS } }],
      },
    },
  },
  check(context) {
    const side = sideOfKind(context.workspace.kindOf(context.file));
    for (const entry of effectiveEntries(context.file)) {
      const info = entitlementInfo(entry.key);
      const value = entry.value;
      if (!info || !value) continue;
      // On the wrong side the key has no effect: entitlement-wrong-side reports it, once.
      if (side && !belongsOn(info, side)) continue;
      if (info.type === 'boolean') {
        if (value.kind === 'true' || value.kind === 'false') continue;
        const fix = booleanFix(value);
        const readAsBoolean = info.kernelCheck === 'boolean';
        context.report({
          start: value.start,
          end: value.end,
          severity: readAsBoolean ? undefined : 'warning',
          message: readAsBoolean
            ? `'${entry.key}' is a boolean, but its value is ${kindLabel(value)}: the kernel reads it as absent. Write <true/> (or <false/>).`
            : `'${entry.key}' is a boolean, but its value is ${kindLabel(value)}: it differs from the <true/> a provisioning profile carries. Write <true/> (or <false/>).`,
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
