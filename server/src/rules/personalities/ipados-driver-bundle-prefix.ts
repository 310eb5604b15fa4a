import { buildsForIPadOS, shippedDexts } from '../../dext/app';
import { bundleContextOf } from '../../dext/bundle-id';
import { infoRoot, rootTagSpan, stringOf } from '../../dext/personalities';
import { getEntry } from '../../plist';
import type { Rule } from '../types';
import { LEGACY_USB_DEXT_ENTITLEMENTS } from '../example-projects';

export const ipadosDriverBundlePrefix: Rule = {
  meta: {
    id: 'ipados-driver-bundle-prefix',
    defaultSeverity: 'information',
    appliesTo: ['dext-info-plist'],
    reads: ['CFBundleIdentifier'],
    fixable: false,
    verify: true,
    sources: [
      { ref: 'https://developer.apple.com/documentation/mididriverkit/creating-a-midi-device-driver ("iPadOS requires that your driver\'s bundle identifier begin with the host app\'s bundle identifier")', primary: true },
    ],
    docs: {
      summary: 'An iPadOS app ships a dext whose bundle id does not begin with the app’s bundle id (Apple’s MIDI sample says iPadOS requires it).',
      what: 'Reports the dext’s `CFBundleIdentifier` when an app target that builds for iPadOS (`SDKROOT` or `SUPPORTED_PLATFORMS` names `iphoneos`) ships this dext (its target depends on the dext’s) and the dext’s bundle id does not begin with the app’s bundle id followed by a dot. Both ids must resolve through `project.pbxproj`; otherwise, and for macOS-only apps, nothing is reported.',
      why: 'Apple’s MIDIDriverKit sample states: “iPadOS requires that your driver’s bundle identifier begin with the host app’s bundle identifier” (as for other content embedded in an iOS app). The same page’s example ids do not follow it, and no Apple source says what fails otherwise: information, verify.',
      example: '```text\napp (iPadOS)  com.example.MyApp\ndext          com.example.MyDriver\n```',
      fix: 'Give the dext a bundle id under the app’s, e.g. `com.example.MyApp.Driver` (`PRODUCT_BUNDLE_IDENTIFIER` of the dext target), and update `IOUserServerName` and the App ID accordingly.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.MyDriver</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
              'MyApp.xcodeproj/project.pbxproj': '// !$*UTF8*$!\n{\n\tobjects = {\n\t\tR = { isa = PBXProject; targets = (A, D); buildConfigurationList = L0; };\n\t\tL0 = { isa = XCConfigurationList; buildConfigurations = (); };\n\t\tA = { isa = PBXNativeTarget; name = MyApp; productType = "com.apple.product-type.application"; dependencies = (AD); buildConfigurationList = LA; };\n\t\tAD = { isa = PBXTargetDependency; target = D; };\n\t\tLA = { isa = XCConfigurationList; buildConfigurations = (CA); };\n\t\tCA = { isa = XCBuildConfiguration; name = Release; buildSettings = { PRODUCT_BUNDLE_IDENTIFIER = com.example.MyApp; CODE_SIGN_ENTITLEMENTS = App/App.entitlements; SDKROOT = iphoneos; }; };\n\t\tD = { isa = PBXNativeTarget; name = Driver; productType = "com.apple.product-type.driver-extension"; buildConfigurationList = LD; };\n\t\tLD = { isa = XCConfigurationList; buildConfigurations = (CD); };\n\t\tCD = { isa = XCBuildConfiguration; name = Release; buildSettings = { PRODUCT_BUNDLE_IDENTIFIER = com.example.MyDriver; INFOPLIST_FILE = Driver/Info.plist; CODE_SIGN_ENTITLEMENTS = Driver/Driver.entitlements; SDKROOT = driverkit; }; };\n\t};\n\trootObject = R;\n}\n',
              'Driver/Driver.entitlements': LEGACY_USB_DEXT_ENTITLEMENTS,
              'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit.communicates-with-drivers</key>\n\t<true/>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.MyApp.Driver</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
              'MyApp.xcodeproj/project.pbxproj': '// !$*UTF8*$!\n{\n\tobjects = {\n\t\tR = { isa = PBXProject; targets = (A, D); buildConfigurationList = L0; };\n\t\tL0 = { isa = XCConfigurationList; buildConfigurations = (); };\n\t\tA = { isa = PBXNativeTarget; name = MyApp; productType = "com.apple.product-type.application"; dependencies = (AD); buildConfigurationList = LA; };\n\t\tAD = { isa = PBXTargetDependency; target = D; };\n\t\tLA = { isa = XCConfigurationList; buildConfigurations = (CA); };\n\t\tCA = { isa = XCBuildConfiguration; name = Release; buildSettings = { PRODUCT_BUNDLE_IDENTIFIER = com.example.MyApp; CODE_SIGN_ENTITLEMENTS = App/App.entitlements; SDKROOT = iphoneos; }; };\n\t\tD = { isa = PBXNativeTarget; name = Driver; productType = "com.apple.product-type.driver-extension"; buildConfigurationList = LD; };\n\t\tLD = { isa = XCConfigurationList; buildConfigurations = (CD); };\n\t\tCD = { isa = XCBuildConfiguration; name = Release; buildSettings = { PRODUCT_BUNDLE_IDENTIFIER = com.example.MyApp.Driver; INFOPLIST_FILE = Driver/Info.plist; CODE_SIGN_ENTITLEMENTS = Driver/Driver.entitlements; SDKROOT = driverkit; }; };\n\t};\n\trootObject = R;\n}\n',
              'Driver/Driver.entitlements': LEGACY_USB_DEXT_ENTITLEMENTS,
              'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit.communicates-with-drivers</key>\n\t<true/>\n</dict>\n</plist>\n',
            },
          },
        ],
      },
    },
  },
  check({ file, workspace, report }) {
    const dext = workspace.dextOf(file);
    if (!dext?.project || !dext.target) return;
    const bundle = bundleContextOf(workspace, file);
    const root = infoRoot(file);
    const top = stringOf(root, 'CFBundleIdentifier');
    const dextId = top !== undefined ? bundle.resolve(top) : bundle.bundleId;
    if (!dextId || !root) return;
    for (const app of dext.apps) {
      if (!buildsForIPadOS(app) || !shippedDexts(app).includes(dext)) continue;
      const appId = app.bundleIds.length === 1 ? app.bundleIds[0]! : undefined;
      if (!appId || dextId.startsWith(`${appId}.`)) continue;
      const node = getEntry(root, 'CFBundleIdentifier')?.value;
      report({
        ...(node ? { start: node.start, end: node.end } : rootTagSpan(root)),
        message: `The iPadOS app ${app.name} ('${appId}') ships this dext, whose bundle id '${dextId}' does not begin with '${appId}.': Apple's MIDIDriverKit sample says iPadOS requires the driver's bundle id to begin with the host app's (verify).`,
      });
      return;
    }
  },
};
