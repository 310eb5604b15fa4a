import { choiceSentence, formatNode, isComparedKey, profileForEntitlements, profileLabel, ungrantedValues, type AppliedProfile, type UngrantedValue } from '../../profiles';
import { ENTITLEMENT_KINDS } from '../../workspace/files';
import type { Rule } from '../types';

/** The restricted keys the profile grants, for "it grants: …". */
function grantedKeys(applied: AppliedProfile): string {
  const keys = applied.profile.entitlements.entries.map((e) => e.key).filter((k) => isComparedKey(k, false));
  if (!keys.length) return 'it grants no capability';
  const shown = keys.slice(0, 6).join(', ');
  return `it grants ${shown}${keys.length > 6 ? ` and ${keys.length - 6} more` : ''}`;
}

function detail(u: UngrantedValue, applied: AppliedProfile): string {
  const key = u.entry.key;
  if (u.kind === 'missing') {
    return `The profile doesn't include the ${key} entitlement (${grantedKeys(applied)}). Enable the capability for the App ID ${applied.profile.applicationIdentifier} on the developer portal (DriverKit entitlements are requested from Apple first) and download the profile again, or remove the key.`;
  }
  const allowed = formatNode(u.granted!);
  if (u.kind === 'element') {
    return `The profile does not allow the element ${formatNode(u.node!)}: it allows ${allowed}. Request this value for the App ID on the developer portal and download the profile again, or remove the element.`;
  }
  return `The file has ${formatNode(u.node!)}, the profile allows ${allowed}. Use the value the profile allows (or remove the key), or regenerate the profile with this value.`;
}

export const profileMismatch: Rule = {
  meta: {
    id: 'profile-mismatch',
    defaultSeverity: 'error',
    appliesTo: ENTITLEMENT_KINDS,
    fixable: false,
    sources: [
      { ref: "https://developer.apple.com/documentation/technotes/tn3125-inside-code-signing-provisioning-profiles (restricted entitlements must be authorised by the profile)", primary: true },
      { ref: "https://developer.apple.com/forums/thread/680284 (Apple DTS: the dext's entitlements must match or be a subset of the profile's)", primary: false },
    ],
    docs: {
      summary: 'The provisioning profile for this target lacks a key or a value of the entitlements file.',
      what:
        'Finds the profile that applies to the target (profiles in the workspace, in the `profiles` setting / `.dextlintrc.json`, and on macOS in Xcode’s profile folders) by its application identifier against the target’s bundle id from `project.pbxproj` (`*` wildcards; the target’s `DEVELOPMENT_TEAM` when set). When several apply it uses the one the target names in `PROVISIONING_PROFILE_SPECIFIER`/`PROVISIONING_PROFILE`, else the newest unexpired one, preferring an explicit App ID to a wildcard one, and the message says which. ' +
        'Then, like Xcode, it reports each restricted entitlement (`com.apple.developer.*`, `aps-environment`) the profile does not grant: a key absent from the profile’s `Entitlements`; a boolean that differs; an array element the profile does not allow (a profile value `*` allows anything, strings match with `*` wildcards, a transport match dict must carry every key of a granted dict with an allowed value); any other value that differs. ' +
        'Not compared: keys Xcode writes itself when signing (`application-identifier`, `com.apple.developer.team-identifier`, `keychain-access-groups`; `get-task-allow` only when the profile carries it), `com.apple.security.*` keys (sandbox and hardened runtime need no profile), and `$(VAR)` values that do not resolve from the project (`$(AppIdentifierPrefix)`/`$(TeamIdentifierPrefix)` are the profile’s team). No bundle id, or no profile for it: nothing is reported. A profile that grants more than the file claims is fine (Apple DTS: the entitlements must match or be a subset of the profile’s; Karabiner’s Apple-signed profile carries keys its dext does not claim).',
      why:
        'Xcode stops with “Provisioning profile … doesn’t match the entitlements file’s value for the … entitlement” (or “… doesn’t include the … entitlement”). Seen: `userclient-access` enabled on the portal but absent from the downloaded profile; an approved profile that lists only one of the two vendor ids the dext matches; Xcode reusing a stale downloaded profile. A host app whose distribution profile lacks `userclient-access` gets `kIOReturnNotPermitted` from `IOServiceOpen` in TestFlight builds while debug builds work.',
      example:
        '```xml\n<!-- Driver.entitlements -->\n<key>com.apple.developer.driverkit.transport.usb</key>\n<array>\n\t<dict><key>idVendor</key><integer>1452</integer></dict>\n\t<dict><key>idVendor</key><integer>1356</integer></dict>  <!-- not in the profile -->\n</array>\n<!-- the approved profile grants only [{ idVendor: 1452 }] -->\n```',
      fix: 'Request the entitlement (or the missing value) for the App ID on the developer portal, regenerate and download the profile; or remove the value from the entitlements file if it is not needed. Delete stale downloaded profiles so Xcode does not reuse them.',
    },
  },
  check({ file, workspace, report }) {
    const root = file.plist.root;
    if (root?.kind !== 'dict') return;
    const applied = profileForEntitlements(workspace, file);
    if (!applied) return;
    const choice = choiceSentence(applied);
    const related = [{ uri: applied.file.uri, start: 0, end: 0, message: `${profileLabel(applied)} (${applied.profile.kind}, ${applied.profile.applicationIdentifier})` }];
    for (const u of ungrantedValues(root, applied.profile.entitlements, applied.resolve)) {
      report({
        start: u.start,
        end: u.end,
        message: `${profileLabel(applied)} doesn't match the entitlements file's value for the ${u.entry.key} entitlement. ${detail(u, applied)}${choice}`,
        related,
      });
    }
  },
};
