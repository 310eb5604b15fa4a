import { profileForEntitlements } from '../../profiles';
import { getValue, toValue, type PlistValue } from '../../plist';
import { hasVariable } from '../../pbxproj/variables';
import { ENTITLEMENT_KINDS } from '../../workspace/files';
import type { Rule } from '../types';
import { allowsScalar, describeAllowed, profileLabel } from '../util/profiles';

/** Keys Xcode writes or manages itself when signing: not the developer's to match. */
const MANAGED = new Set(['com.apple.developer.team-identifier', 'com.apple.application-identifier', 'application-identifier', 'keychain-access-groups', 'get-task-allow', 'com.apple.security.get-task-allow']);

/** Only restricted entitlements are authorised by a profile; sandbox keys (com.apple.security.*) are not. */
function isRestricted(key: string): boolean {
  return !MANAGED.has(key) && (key.startsWith('com.apple.developer.') || key === 'aps-environment');
}

export const profileMismatch: Rule = {
  meta: {
    id: 'profile-mismatch',
    defaultSeverity: 'error',
    appliesTo: ENTITLEMENT_KINDS,
    fixable: false,
    docs: {
      summary: 'The provisioning profile for this target lacks a key or a value of the entitlements file.',
      what: 'Finds the profile that applies to the target (in the workspace, the `profiles` setting, or Xcode’s profile folders; matched by application identifier against the bundle id from `project.pbxproj`) and reports each restricted entitlement (`com.apple.developer.*`) the profile does not grant: a missing key, a boolean the profile does not enable, an array element or string the profile does not allow (`*` in the profile allows anything; strings match with `*` wildcards; transport dicts are compared key by key).',
      why: 'Xcode stops with “Provisioning profile … doesn’t match the entitlements file’s value for the … entitlement”. Seen: `userclient-access` enabled on the portal but absent from the downloaded profile; an approved profile listing one of the two vendor ids the dext matches. In TestFlight, a host app whose distribution profile lacks `userclient-access` gets `kIOReturnNotPermitted` from `IOServiceOpen` while debug builds work.',
      example: '```xml\n<!-- entitlements -->\n<key>com.apple.developer.driverkit.transport.usb</key>\n<array><dict><key>idVendor</key><integer>1452</integer></dict>\n       <dict><key>idVendor</key><integer>1356</integer></dict></array>\n<!-- profile: only idVendor 1452 -->\n```',
      fix: 'Request the entitlement (or the missing value) on the developer portal, regenerate and download the profile; or remove the value from the entitlements file if it is not needed. Delete stale downloaded profiles so Xcode does not reuse them.',
    },
  },
  check({ file, workspace, report }) {
    const root = file.plist.root;
    if (root?.kind !== 'dict') return;
    const applied = profileForEntitlements(workspace, file);
    if (!applied) return;
    const label = profileLabel(applied);
    const granted = applied.profile.entitlements;
    for (const entry of root.entries) {
      if (!isRestricted(entry.key) || !entry.value) continue;
      if (entry.value.kind === 'string' && hasVariable(entry.value.text)) continue;
      const prefix = `${label} doesn't match the entitlements file's value for the ${entry.key} entitlement`;
      const allowedNode = getValue(granted, entry.key);
      const related = [{ uri: applied.file.uri, start: 0, end: 0, message: `the profile "${applied.profile.name}"` }];
      if (!allowedNode) {
        report({ start: entry.keySpan.start, end: entry.keySpan.end, message: `${prefix}: the profile does not include it. Enable it for the App ID on the developer portal and download the profile again, or remove the key.`, related });
        continue;
      }
      const allowed = toValue(allowedNode) as PlistValue;
      const value = toValue(entry.value) as PlistValue;
      if (entry.value.kind === 'array' && allowed !== '*') {
        entry.value.items.forEach((item, i) => {
          const element = (value as PlistValue[])[i]!;
          if (element === undefined || allowsScalar(allowed, element)) return;
          report({ start: item.start, end: item.end, message: `${prefix}: it does not allow ${describeAllowed(element)}; the profile allows ${describeAllowed(allowed)}. Request this value on the developer portal and download the profile again, or remove the element.`, related });
        });
        continue;
      }
      if (value === false) continue;
      if (!allowsScalar(allowed, value)) {
        report({ start: entry.keySpan.start, end: entry.keySpan.end, message: `${prefix}: the file has ${describeAllowed(value)}, the profile allows ${describeAllowed(allowed)}. Regenerate the profile with this value or change the entitlements file.`, related });
      }
    }
  },
};
