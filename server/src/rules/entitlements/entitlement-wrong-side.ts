import { ENTITLEMENT_KINDS } from '../../workspace/files';
import type { Rule } from '../types';
import { effectiveEntries } from '../../dext/entitlements-file';
import { belongsOn, entitlementInfo, sideLabel } from '../../knowledge/entitlements';
import { sideOfKind } from '../../dext/entitlements-file';
import { DRIVERKIT_ONLY_ENTITLEMENTS } from '../example-projects';

const USERCLIENT_ACCESS = 'com.apple.developer.driverkit.userclient-access';

export const entitlementWrongSide: Rule = {
  meta: {
    id: 'entitlement-wrong-side',
    defaultSeverity: 'warning',
    appliesTo: ENTITLEMENT_KINDS,
    fixable: false,
    sources: [
      { ref: "apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:4685, 4744, 4776-4779 (userclient-access, communicates-with-drivers read from the opening task)", primary: true },
      { ref: "apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:4099, 4129, 2683-2689, 4754, 4770 (driverkit, transport/family, allow-any, allow-third-party read from the dext)", primary: true },
    ],
    docs: {
      summary: 'A host-app entitlement in a dext\'s entitlements, or a dext-only entitlement in an app\'s.',
      what:
        'Reports app-side keys (`userclient-access`, `communicates-with-drivers`, `system-extension.install`) in a dext\'s entitlements, and dext-only keys (`transport.*`, `family.*`, `allow-any-userclient-access`, …) in a host app\'s. Keys a dext must never carry are reported by `dext-forbidden-entitlement` instead.',
      why:
        'Each entitlement is checked on one side: `userclient-access` is read from the **app** that opens the user client, so in the dext it grants nothing (real projects put it there, sometimes listing the app\'s own id), and the app that needs it goes without. The one exception: a dext that itself opens another dext\'s user client is the opening process and needs the key for that dext. A transport or family key in an app does nothing and still has to be in the app\'s profile.',
      example: '```xml\n<!-- in MyDriver.entitlements -->\n<key>com.apple.developer.driverkit.userclient-access</key>\n<array>\n    <string>com.example.MyApp</string>\n</array>\n```',
      fix: 'Move the key to the other target\'s entitlements file (for `userclient-access`: the host app\'s, listing the **dext\'s** bundle id).',
      examples: {
        invalid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.userclient-access</key>\n\t<array>\n\t\t<string>com.example.MyApp</string>\n\t</array>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Driver.entitlements': DRIVERKIT_ONLY_ENTITLEMENTS } }],
      },
    },
  },
  check(context) {
    const { file, workspace } = context;
    const side = sideOfKind(workspace.kindOf(file));
    if (!side) return;
    for (const entry of effectiveEntries(file)) {
      const info = entitlementInfo(entry.key);
      if (!info || belongsOn(info, side)) continue;
      if (side === 'dext' && info.forbidden) continue; // dext-forbidden-entitlement
      const here = side === 'dext' ? "a dext's entitlements" : "a host app's entitlements";
      // The kernel reads userclient-access from whichever process opens the user client: a dext that
      // itself opens another dext's user client needs it (xnu IOUserServer.cpp:4776-4779).
      const unless = side === 'dext' && info.key === USERCLIENT_ACCESS ? ", unless this dext itself opens another dext's user client (the kernel reads it from the opening process)" : '';
      context.report({
        start: entry.keySpan.start,
        end: entry.keySpan.end,
        message: `'${entry.key}' belongs in ${sideLabel(info.side)}'s entitlements, not in ${here}: here it has no effect${unless}. Move it to ${sideLabel(info.side)}'s .entitlements file.`,
      });
    }
  },
};
