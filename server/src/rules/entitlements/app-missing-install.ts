import type { Rule } from '../types';
import { buildsForMacOS, shippedDexts } from '../../dext/app';
import { openTagSpan, rootDictOf, topEntry } from '../../dext/entitlements-file';
import { insertEntryEdit, replaceNodeEdit } from '../../plist/edits';

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
              'App.xcodeproj/project.pbxproj': '// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tobjectVersion = 56;\n\tobjects = {\n\t\tA00000000000000000000003 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t\tSDKROOT = macosx;\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.app;\n\t\t\t\tCODE_SIGN_ENTITLEMENTS = App/App.entitlements;\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000004 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000003);\n\t\t};\n\t\tA00000000000000000000005 = {\n\t\t\tisa = PBXTargetDependency;\n\t\t\ttarget = A00000000000000000000002;\n\t\t};\n\t\tA00000000000000000000001 = {\n\t\t\tisa = PBXNativeTarget;\n\t\t\tbuildConfigurationList = A00000000000000000000004;\n\t\t\tdependencies = (A00000000000000000000005);\n\t\t\tname = App;\n\t\t\tproductType = "com.apple.product-type.application";\n\t\t};\n\t\tA00000000000000000000006 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t\tSDKROOT = driverkit;\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.driver;\n\t\t\t\tINFOPLIST_FILE = Driver/Info.plist;\n\t\t\t\tCODE_SIGN_ENTITLEMENTS = Driver/Driver.entitlements;\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000007 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000006);\n\t\t};\n\t\tA00000000000000000000002 = {\n\t\t\tisa = PBXNativeTarget;\n\t\t\tbuildConfigurationList = A00000000000000000000007;\n\t\t\tdependencies = ();\n\t\t\tname = Driver;\n\t\t\tproductType = "com.apple.product-type.driver-extension";\n\t\t};\n\t\tA00000000000000000000008 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000009 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000008);\n\t\t};\n\t\tA00000000000000000000010 = {\n\t\t\tisa = PBXProject;\n\t\t\tbuildConfigurationList = A00000000000000000000009;\n\t\t\ttargets = (A00000000000000000000001, A00000000000000000000002);\n\t\t};\n\t};\n\trootObject = A00000000000000000000010;\n}\n',
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.driver</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>Driver</key>\n\t\t<dict>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostInterface</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>Driver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>com.example.driver</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
              'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n</dict>\n</plist>\n',
              'App.xcodeproj/project.pbxproj': '// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tobjectVersion = 56;\n\tobjects = {\n\t\tA00000000000000000000003 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t\tSDKROOT = macosx;\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.app;\n\t\t\t\tCODE_SIGN_ENTITLEMENTS = App/App.entitlements;\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000004 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000003);\n\t\t};\n\t\tA00000000000000000000005 = {\n\t\t\tisa = PBXTargetDependency;\n\t\t\ttarget = A00000000000000000000002;\n\t\t};\n\t\tA00000000000000000000001 = {\n\t\t\tisa = PBXNativeTarget;\n\t\t\tbuildConfigurationList = A00000000000000000000004;\n\t\t\tdependencies = (A00000000000000000000005);\n\t\t\tname = App;\n\t\t\tproductType = "com.apple.product-type.application";\n\t\t};\n\t\tA00000000000000000000006 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t\tSDKROOT = driverkit;\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.driver;\n\t\t\t\tINFOPLIST_FILE = Driver/Info.plist;\n\t\t\t\tCODE_SIGN_ENTITLEMENTS = Driver/Driver.entitlements;\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000007 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000006);\n\t\t};\n\t\tA00000000000000000000002 = {\n\t\t\tisa = PBXNativeTarget;\n\t\t\tbuildConfigurationList = A00000000000000000000007;\n\t\t\tdependencies = ();\n\t\t\tname = Driver;\n\t\t\tproductType = "com.apple.product-type.driver-extension";\n\t\t};\n\t\tA00000000000000000000008 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000009 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000008);\n\t\t};\n\t\tA00000000000000000000010 = {\n\t\t\tisa = PBXProject;\n\t\t\tbuildConfigurationList = A00000000000000000000009;\n\t\t\ttargets = (A00000000000000000000001, A00000000000000000000002);\n\t\t};\n\t};\n\trootObject = A00000000000000000000010;\n}\n',
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.driver</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>Driver</key>\n\t\t<dict>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostInterface</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>Driver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>com.example.driver</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
              'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n',
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
