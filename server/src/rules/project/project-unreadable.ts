import { projectFactsOf } from '../../workspace/model';
import type { Rule } from '../types';

export const projectUnreadable: Rule = {
  meta: {
    id: 'project-unreadable',
    defaultSeverity: 'error',
    appliesTo: ['pbxproj'],
    fixable: false,
    sources: [
      { ref: 'https://github.com/apple-oss-distributions/CF/blob/main/CFOldStylePList.c', primary: true },
    ],
    docs: {
      summary: 'A `project.pbxproj` that does not parse: Xcode will not open it.',
      what: 'Reports the first syntax error of a `project.pbxproj` (an old-style property list), or a file without its root object. The checks that need the project\'s build settings (bundle ids, generated Info.plist keys, which app ships which dext, files no target uses) stay silent for its files; the files are still checked on their own.',
      why: 'Xcode reads the project file as an old-style property list (CoreFoundation\'s parser): a stray character, a missing `;` or an unclosed brace left by a merge conflict makes the whole file unreadable, and Xcode reports the project as damaged instead of opening it.',
      example: '```\n<<<<<<< HEAD\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.driver;\n```',
      fix: 'Resolve the merge conflict or undo the hand edit (version control has the last good file).',
      examples: {
        invalid: [{ files: { 'Driver.xcodeproj/project.pbxproj': '// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tobjectVersion = 56;\n\tobjects = {\n\t\tA00000000000000000000002 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t\tSDKROOT = driverkit;\n<<<<<<< HEAD\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.driver;\n=======\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.mydriver;\n>>>>>>> rename\n\t\t\t\tINFOPLIST_FILE = Driver/Info.plist;\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000003 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000002);\n\t\t};\n\t\tA00000000000000000000001 = {\n\t\t\tisa = PBXNativeTarget;\n\t\t\tbuildConfigurationList = A00000000000000000000003;\n\t\t\tdependencies = ();\n\t\t\tname = Driver;\n\t\t\tproductType = "com.apple.product-type.driver-extension";\n\t\t};\n\t\tA00000000000000000000004 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000005 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000004);\n\t\t};\n\t\tA00000000000000000000006 = {\n\t\t\tisa = PBXProject;\n\t\t\tbuildConfigurationList = A00000000000000000000005;\n\t\t\ttargets = (A00000000000000000000001);\n\t\t};\n\t};\n\trootObject = A00000000000000000000006;\n}\n' } }],
        valid: [{ files: { 'Driver.xcodeproj/project.pbxproj': '// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tobjectVersion = 56;\n\tobjects = {\n\t\tA00000000000000000000002 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t\tSDKROOT = driverkit;\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.driver;\n\t\t\t\tINFOPLIST_FILE = Driver/Info.plist;\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000003 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000002);\n\t\t};\n\t\tA00000000000000000000001 = {\n\t\t\tisa = PBXNativeTarget;\n\t\t\tbuildConfigurationList = A00000000000000000000003;\n\t\t\tdependencies = ();\n\t\t\tname = Driver;\n\t\t\tproductType = "com.apple.product-type.driver-extension";\n\t\t};\n\t\tA00000000000000000000004 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000005 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000004);\n\t\t};\n\t\tA00000000000000000000006 = {\n\t\t\tisa = PBXProject;\n\t\t\tbuildConfigurationList = A00000000000000000000005;\n\t\t\ttargets = (A00000000000000000000001);\n\t\t};\n\t};\n\trootObject = A00000000000000000000006;\n}\n' } }],
      },
    },
  },
  check({ file, workspace, report }) {
    const unread = workspace.getModel().unread.find((u) => u.file === file && u.kind === 'damaged');
    if (!unread) return;
    const first = projectFactsOf(file).errors[0];
    const start = Math.min(first?.offset ?? 0, file.text.length);
    const lineEnd = file.text.indexOf('\n', start);
    report({
      start,
      end: Math.max(start, lineEnd < 0 ? file.text.length : lineEnd),
      message: first
        ? `This project file does not parse (${first.message}): Xcode reports the project as damaged and will not open it. Checks that need its build settings are silent until it is fixed.`
        : 'This project file has no root object: Xcode will not open it. Checks that need its build settings are silent until it is fixed.',
    });
  },
};
