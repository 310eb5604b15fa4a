import type { OffsetEdit } from '../../types';
import type { Rule } from '../types';
import { buildsForMacOS, shippedDexts } from '../../dext/app';
import { openTagSpan, rootDictOf, topEntry } from '../../dext/entitlements-file';
import { intendedBundleIds, USERCLIENT_ACCESS } from '../../dext/userclient-access';
import { dextOffersUserClient } from '../../dext/userclient-offer';
import { insertEntryEdit } from '../../plist/edits';
import { plistFragment } from '../../plist/fragment';
import { appendArrayItemEdit, replaceWithFragmentEdit } from '../../plist/value-edits';
import type { WorkspaceFile } from '../../workspace/files';
import { APP_SHIPS_DRIVER_PROJECT, USB_DEXT_ENTITLEMENTS } from '../example-projects';

const ALLOW_ANY = 'com.apple.developer.driverkit.allow-any-userclient-access';

/** The edit that adds `id` to the file's userclient-access, whatever form it has now. */
function addIdEdit(file: WorkspaceFile, id: string): OffsetEdit | undefined {
  const root = rootDictOf(file)!;
  const value = topEntry(file, USERCLIENT_ACCESS)?.value;
  if (!value) return insertEntryEdit(file, root, USERCLIENT_ACCESS, plistFragment([id]));
  if (value.kind === 'array') return appendArrayItemEdit(file, value, plistFragment(id));
  if (value.kind === 'string') return replaceWithFragmentEdit(file, value, plistFragment([value.text, id]));
  return undefined;
}

export const appMissingUserclientAccess: Rule = {
  meta: {
    id: 'app-missing-userclient-access',
    defaultSeverity: 'warning',
    appliesTo: ['app-entitlements'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:4701-4806 (checks after NewUserClient; allow-any presence at 4770; "needed bundle ID" at 4789)', primary: true },
      { ref: 'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.driverkit.userclient-access', primary: true },
    ],
    docs: {
      summary: 'A macOS host app ships a dext that offers a user client, but may not open it.',
      what:
        'Reports the entitlements of a macOS app target that embeds a dext offering a user client (a personality with `UserClientProperties`, or a class overriding `NewUserClient`) when `com.apple.developer.driverkit.userclient-access` does not list the dext\'s bundle id and the dext does not have `allow-any-userclient-access`. Silent without a project file, when the dext\'s bundle id is unresolved, and for iPadOS-only apps (they use `communicates-with-drivers`).',
      why:
        'After the dext\'s `NewUserClient` created the user client, the kernel keeps it only when the app\'s `userclient-access` names the service\'s `CFBundleIdentifier` (or the dext has `allow-any-userclient-access`, tested for presence): otherwise it terminates the user client, `IOServiceOpen` returns `kIOReturnNotPermitted` (0xE00002E2), and, when the app has no `userclient-access` at all, the kernel logs `DK: <UserClient>-0x…:UC failed userclient-access check, needed bundle ID <dext id>`; when the key is present without the id, only `…:UC entitlements check failed`. It often works in debug builds and fails in TestFlight/App Store builds, whose profile lacks the entry.',
      example: '```xml\n<!-- MyApp.entitlements; MyDriver.dext declares UserClientProperties -->\n<dict>\n    <key>com.apple.developer.system-extension.install</key>\n    <true/>\n</dict>\n```',
      fix: 'Add the dext\'s bundle id to `userclient-access` (the quick fix does), and have the entitlement granted for the app id so the distribution profile carries it.',
      examples: {
        invalid: [
          {
            files: {
              'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n</dict>\n</plist>\n',
              'App.xcodeproj/project.pbxproj': APP_SHIPS_DRIVER_PROJECT,
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.driver</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>Driver</key>\n\t\t<dict>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostInterface</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>Driver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>com.example.driver</string>\n\t\t\t<key>UserClientProperties</key>\n\t\t\t<dict>\n\t\t\t\t<key>IOClass</key>\n\t\t\t\t<string>IOUserUserClient</string>\n\t\t\t\t<key>IOUserClass</key>\n\t\t\t\t<string>DriverUserClient</string>\n\t\t\t</dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
              'Driver/Driver.entitlements': USB_DEXT_ENTITLEMENTS,
            },
          },
        ],
        valid: [
          {
            files: {
              'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.userclient-access</key>\n\t<array>\n\t\t<string>com.example.driver</string>\n\t</array>\n</dict>\n</plist>\n',
              'App.xcodeproj/project.pbxproj': APP_SHIPS_DRIVER_PROJECT,
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.driver</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>Driver</key>\n\t\t<dict>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostInterface</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>Driver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>com.example.driver</string>\n\t\t\t<key>UserClientProperties</key>\n\t\t\t<dict>\n\t\t\t\t<key>IOClass</key>\n\t\t\t\t<string>IOUserUserClient</string>\n\t\t\t\t<key>IOUserClass</key>\n\t\t\t\t<string>DriverUserClient</string>\n\t\t\t</dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
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
    const granted = intendedBundleIds(file);
    const entry = topEntry(file, USERCLIENT_ACCESS);
    for (const dext of shippedDexts(app)) {
      if (!dext.bundleIds.length || dext.bundleIds.some((id) => granted.has(id))) continue;
      // The kernel tests allow-any-userclient-access for presence: <false/> lets every app in too.
      if (dext.entitlements.some((e) => topEntry(e, ALLOW_ANY))) continue;
      if (!dextOffersUserClient(workspace, dext)) continue;
      const id = dext.bundleIds[0]!;
      const edit = addIdEdit(file, id);
      context.report({
        ...(entry ? { start: entry.keySpan.start, end: entry.keySpan.end } : openTagSpan(file, root)),
        message: `This app ships ${dext.name}, which offers a user client, but '${USERCLIENT_ACCESS}' does not list its bundle id '${id}': IOServiceOpen fails with kIOReturnNotPermitted (${entry ? '"UC entitlements check failed"' : '"UC failed userclient-access check, needed bundle ID"'}). Add the id.`,
        fixes: edit ? [{ title: `Add '${id}' to userclient-access`, edits: [edit] }] : [],
      });
    }
  },
};
