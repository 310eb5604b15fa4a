import { basename, dirname } from '../../workspace/uri';
import type { Rule } from '../types';
import { plistOpeningSpan } from './plist-opening';

const SPEC = 'name: Demo\noptions:\n  bundleIdPrefix: com.example\ntargets:\n  Driver:\n    type: driver-extension\n    platform: macOS\n';
const INFO_PLIST = '<plist version="1.0">\n<dict>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB device.</string>\n</dict>\n</plist>\n';

export const xcodegenGenerated: Rule = {
  meta: {
    id: 'xcodegen-generated',
    defaultSeverity: 'information',
    appliesTo: ['plist'],
    fixable: false,
    sources: [
      { ref: 'https://github.com/yonaskolb/XcodeGen/blob/master/Docs/ProjectSpec.md#plist', primary: false },
      { ref: 'https://github.com/yonaskolb/XcodeGen/blob/2.45.4/Sources/XcodeGenKit/FileWriter.swift (writePlists)', primary: false },
    ],
    docs: {
      summary: 'An Info.plist or entitlements file that XcodeGen replaces when it generates the project.',
      what: 'Reports, once per file, an Info.plist or `.entitlements` file that a target of a readable XcodeGen spec names in `info: path:` or `entitlements: path:`. XcodeGen writes that file from the spec each time it generates the project: for `info:`, the keys it generates (`CFBundleIdentifier`, `CFBundleVersion`, …) with `properties` over them; for `entitlements:`, `properties` alone. The checks of Info.plists and entitlements run on the file as XcodeGen writes it, and their findings are shown in the spec, at the property they are about; this file is checked as a plist only. Silent when the `.xcodeproj` generated from the spec is committed beside it: that project is what Xcode builds.',
      why: 'Whatever this file holds now is replaced by the next `xcodegen generate`: a key added here and missing from `properties` is gone from the product (an `entitlements:` with no `properties` writes an empty dict over the file). Judging this file would report problems the product will not have, and miss those it will.',
      example: '```yaml\ntargets:\n  Driver:\n    type: driver-extension\n    info:\n      path: Driver/Info.plist   # written by XcodeGen\n      properties:\n        OSBundleUsageDescription: Drives the Example USB device.\n```',
      fix: 'Edit the `properties` in the spec, not the file. To keep a hand-written file, remove `info:` / `entitlements:` from the target and name the file with `INFOPLIST_FILE` / `CODE_SIGN_ENTITLEMENTS` in its settings.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': INFO_PLIST,
              'project.yml': `${SPEC}    info:\n      path: Driver/Info.plist\n      properties:\n        OSBundleUsageDescription: Drives the Example USB device.\n`,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': INFO_PLIST,
              'project.yml': `${SPEC}    settings:\n      INFOPLIST_FILE: Driver/Info.plist\n`,
            },
          },
        ],
      },
    },
  },
  check({ file, workspace, report }) {
    const generated = workspace.getModel().replaced.get(file);
    if (!generated) return;
    const spec = `${basename(dirname(generated.spec.file.path))}/${basename(generated.spec.file.path)}`;
    report({
      ...plistOpeningSpan(file),
      message: `XcodeGen writes this file from \`${generated.what}:\` of target '${generated.target.name}' in ${spec} each time it generates the project: edits here are lost. It is checked as XcodeGen writes it, with the findings shown in the spec; here, as a plist only.`,
    });
  },
};
