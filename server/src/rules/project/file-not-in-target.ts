import { basename, dirname } from '../../workspace/uri';
import type { Rule } from '../types';
import { plistOpeningSpan } from './plist-opening';

export const fileNotInTarget: Rule = {
  meta: {
    id: 'file-not-in-target',
    defaultSeverity: 'information',
    appliesTo: ['plist'],
    fixable: false,
    sources: [
      { ref: 'https://developer.apple.com/documentation/xcode/build-settings-reference#Code-Signing-Entitlements', primary: true },
      { ref: 'https://developer.apple.com/documentation/xcode/build-settings-reference#Info.plist-File', primary: true },
    ],
    docs: {
      summary: 'An entitlements file or Info.plist that no target of the Xcode project uses.',
      what: 'Reports, once per file, an `.entitlements` file or an Info.plist below a readable Xcode project when no target of that project signs with it (`CODE_SIGN_ENTITLEMENTS`) or builds with it (`INFOPLIST_FILE`) in any configuration. Such a file is checked as a plist only (syntax, duplicate keys): the dext and app checks would judge a file nothing ships. Silent when a target\'s setting is a variable we cannot resolve or comes from an `.xcconfig` we cannot read.',
      why: 'Xcode signs the product with the file its target names and nothing else: a stray copy (an old template, a file a script passes to `codesign --entitlements`) does not change what the system sees, and its mistakes are not the product\'s. Checking it as if it were the dext\'s or the app\'s reports problems the product does not have.',
      example: '`App/entitlements.plist` next to `App/App.entitlements`, while the app target sets `CODE_SIGN_ENTITLEMENTS = App/App.entitlements`.',
      fix: 'Delete the file, or point the target\'s `CODE_SIGN_ENTITLEMENTS` / `INFOPLIST_FILE` at it. A file signed by a script can stay: disable the rule for it.',
      examples: {
        invalid: [
          {
            files: {
              'App/entitlements.plist': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n</dict>\n</plist>\n',
              'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n</dict>\n</plist>\n',
              'App.xcodeproj/project.pbxproj': '// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tobjectVersion = 56;\n\tobjects = {\n\t\tA00000000000000000000002 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t\tSDKROOT = macosx;\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.app;\n\t\t\t\tCODE_SIGN_ENTITLEMENTS = App/App.entitlements;\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000003 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000002);\n\t\t};\n\t\tA00000000000000000000001 = {\n\t\t\tisa = PBXNativeTarget;\n\t\t\tbuildConfigurationList = A00000000000000000000003;\n\t\t\tdependencies = ();\n\t\t\tname = App;\n\t\t\tproductType = "com.apple.product-type.application";\n\t\t};\n\t\tA00000000000000000000004 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000005 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000004);\n\t\t};\n\t\tA00000000000000000000006 = {\n\t\t\tisa = PBXProject;\n\t\t\tbuildConfigurationList = A00000000000000000000005;\n\t\t\ttargets = (A00000000000000000000001);\n\t\t};\n\t};\n\trootObject = A00000000000000000000006;\n}\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n</dict>\n</plist>\n',
              'App.xcodeproj/project.pbxproj': '// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tobjectVersion = 56;\n\tobjects = {\n\t\tA00000000000000000000002 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t\tSDKROOT = macosx;\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.app;\n\t\t\t\tCODE_SIGN_ENTITLEMENTS = App/App.entitlements;\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000003 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000002);\n\t\t};\n\t\tA00000000000000000000001 = {\n\t\t\tisa = PBXNativeTarget;\n\t\t\tbuildConfigurationList = A00000000000000000000003;\n\t\t\tdependencies = ();\n\t\t\tname = App;\n\t\t\tproductType = "com.apple.product-type.application";\n\t\t};\n\t\tA00000000000000000000004 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000005 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000004);\n\t\t};\n\t\tA00000000000000000000006 = {\n\t\t\tisa = PBXProject;\n\t\t\tbuildConfigurationList = A00000000000000000000005;\n\t\t\ttargets = (A00000000000000000000001);\n\t\t};\n\t};\n\trootObject = A00000000000000000000006;\n}\n',
            },
          },
        ],
      },
    },
  },
  check({ file, workspace, report }) {
    const project = workspace.getModel().unused.get(file);
    if (!project) return;
    // A project file names its `.xcodeproj`; an XcodeGen spec, itself.
    const xcodeproj = project.nameKind === 'xcodegen' ? `the XcodeGen spec ${basename(dirname(project.path))}/${basename(project.path)}` : basename(dirname(project.path));
    const what = file.nameKind === 'entitlements' ? 'signs with this file (CODE_SIGN_ENTITLEMENTS)' : 'builds with this Info.plist (INFOPLIST_FILE)';
    report({
      ...plistOpeningSpan(file),
      message: `No target of ${xcodeproj} ${what}: it is checked as a plist only, not as a dext's or app's. If a script uses it (codesign --entitlements), disable this rule for the file.`,
    });
  },
};
