import type { Rule } from '../types';
import { buildsForMacOS, shippedDexts } from '../../dext/app';
import { openTagSpan, rootDictOf, topEntry } from '../../dext/entitlements-file';
import { insertEntryEdit, replaceNodeEdit } from '../../plist/edits';
import { APP_SHIPS_DRIVER_PROJECT, USB_DEXT_ENTITLEMENTS, USB_DEXT_INFO_PLIST } from '../example-projects';

const INSTALL = 'com.apple.developer.system-extension.install';

export const appMissingInstall: Rule = {
  meta: {
    id: 'app-missing-install',
    defaultSeverity: 'warning',
    appliesTo: ['app-entitlements'],
    fixable: true,
    sources: [
      { ref: "https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.system-extension.install", primary: true },
      { ref: "https://developer.apple.com/documentation/systemextensions/ossystemextensionerror/code/missingentitlement", primary: true },
    ],
    docs: {
      summary: 'A macOS host app that ships a dext lacks `com.apple.developer.system-extension.install`.',
      what:
        'Reports the entitlements of a macOS app target that embeds a dext (its target depends on the dext\'s target in `project.pbxproj`) when they lack `com.apple.developer.system-extension.install` = `true`. Silent without a project file, for iPadOS-only apps (iPadOS installs dexts with the app), and for apps that ship no dext.',
      why:
        'On macOS the app activates its dext with `OSSystemExtensionRequest`; without this entitlement the request fails with `OSSystemExtensionError.missingEntitlement` and the dext is never installed (Apple docs).',
      example: '```xml\n<!-- MyApp.entitlements, the app embeds MyDriver.dext -->\n<dict>\n    <key>com.apple.security.app-sandbox</key>\n    <true/>\n</dict>\n```',
      fix: 'Add `<key>com.apple.developer.system-extension.install</key><true/>` (the quick fix does), and enable the System Extension capability for the app id.',
      examples: {
        invalid: [
          {
            files: {
              'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n</dict>\n</plist>\n',
              'App.xcodeproj/project.pbxproj': APP_SHIPS_DRIVER_PROJECT,
              'Driver/Info.plist': USB_DEXT_INFO_PLIST,
              'Driver/Driver.entitlements': USB_DEXT_ENTITLEMENTS,
            },
          },
        ],
        valid: [
          {
            files: {
              'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n</dict>\n</plist>\n',
              'App.xcodeproj/project.pbxproj': APP_SHIPS_DRIVER_PROJECT,
              'Driver/Info.plist': USB_DEXT_INFO_PLIST,
              'Driver/Driver.entitlements': USB_DEXT_ENTITLEMENTS,
            },
          },
        ],
      },
    },
  },
  check(context) {
    const { file, workspace } = context;
    const root = rootDictOf(file);
    const app = workspace.appOf(file);
    if (!root || !app || !buildsForMacOS(app)) return;
    const dexts = shippedDexts(app);
    if (!dexts.length) return;
    const names = dexts.map((d) => d.name).join(', ');
    const entry = topEntry(file, INSTALL);
    if (entry?.value?.kind === 'false') {
      context.report({
        start: entry.value.start,
        end: entry.value.end,
        message: `'${INSTALL}' is false, but this app ships ${names}: activating the dext fails with OSSystemExtensionError.missingEntitlement. Set it to <true/>.`,
        fixes: [{ title: 'Set it to <true/>', edits: [replaceNodeEdit(entry.value, '<true/>')], isPreferred: true }],
      });
      return;
    }
    if (entry) return;
    context.report({
      ...openTagSpan(file, root),
      message: `This macOS app ships ${names} but its entitlements lack '${INSTALL}': activating the dext fails with OSSystemExtensionError.missingEntitlement. Add it.`,
      fixes: [{ title: `Add '${INSTALL}'`, edits: [insertEntryEdit(file, root, INSTALL, '<true/>')], isPreferred: true }],
    });
  },
};
