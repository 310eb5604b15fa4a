import { bundleContextOf } from '../../dext/bundle-id';
import { escapeXml, replaceNodeEdit } from '../../plist/edits';
import { entryOf, infoRoot, stringOf } from '../../dext/personalities';
import type { Rule } from '../types';
import { DEVICE_DEXT_INFO_PLIST, ONE_DRIVER_TARGET_PROJECT } from '../example-projects';
import { personalityRule } from '../parts';

const XCODE_ID = '$(PRODUCT_BUNDLE_IDENTIFIER)';

export const personalityBundleIdMismatch: Rule = personalityRule({
  meta: {
    id: 'personality-bundle-id-mismatch',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities', 'CFBundleIdentifier'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp:4833-4834 (IOService::startCandidate, gIOModuleIdentifierKey)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:6534-6545 (IOUserServer::launchUserServer, OSKext::lookupDextWithIdentifier, "Could not find OSKext for %s")', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:4776-4786 (userclient-access compared with the service\'s CFBundleIdentifier)', primary: true },
      { ref: 'https://developer.apple.com/library/archive/qa/qa1076/_index.html', primary: true },
    ],
    docs: {
      summary: 'A personality’s `CFBundleIdentifier` resolves to another id than the dext’s own bundle id.',
      what: 'Resolves each DriverKit personality’s `CFBundleIdentifier` and the dext’s bundle id (the top-level `CFBundleIdentifier`, else the target’s `PRODUCT_BUNDLE_IDENTIFIER`) through the dext target of `project.pbxproj`, or takes them literally without a project file, and reports a personality whose id differs. A value that does not resolve (`$(…)`, `@VAR@`) is never compared.',
      why: 'When the kernel has matched a personality it looks the dext up by the personality’s `CFBundleIdentifier` (`OSKext::lookupDextWithIdentifier`); with another id it finds no dext (`DK: Could not find OSKext for <id>`) and launches nothing. Apps’ `userclient-access` is also compared with this id, not with the bundle’s. Apple’s QA1076 asks for the bundle’s own id in every personality.',
      example: '```xml\n<key>CFBundleIdentifier</key>\n<string>com.example.OldDriverName</string>\n<key>IOUserServerName</key>\n<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n```',
      fix: 'Write `$(PRODUCT_BUNDLE_IDENTIFIER)` (quick fix: the top-level `CFBundleIdentifier`’s own text, usually that), which Xcode resolves to the dext’s bundle id.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>com.example.OldDriverName</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
              'MyDriver.xcodeproj/project.pbxproj': ONE_DRIVER_TARGET_PROJECT,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': DEVICE_DEXT_INFO_PLIST,
              'MyDriver.xcodeproj/project.pbxproj': ONE_DRIVER_TARGET_PROJECT,
            },
          },
        ],
      },
    },
  },
  prepare({ file, workspace }) {
    const bundle = bundleContextOf(workspace, file);
    const top = stringOf(infoRoot(file), 'CFBundleIdentifier');
    // The dext's own id is its top-level CFBundleIdentifier; without one (a generated Info.plist),
    // the target's setting.
    const dextId = top !== undefined ? bundle.resolve(top) : bundle.bundleId;
    if (!dextId) return undefined;
    // The top-level text resolves to the dext's id by definition (usually $(PRODUCT_BUNDLE_IDENTIFIER)).
    return { bundle, top, dextId, replacement: top ?? XCODE_ID };
  },
  check(p, { bundle, top, dextId, replacement }, { report }) {
    const node = entryOf(p, 'CFBundleIdentifier')?.value;
    if (node?.kind !== 'string') return;
    const text = node.text.trim();
    if (text === top) return;
    const resolved = bundle.resolve(text);
    if (resolved === undefined || resolved === dextId) return;
    report({
      start: node.start,
      end: node.end,
      message: `CFBundleIdentifier of personality '${p.name}' is '${resolved}', but the dext's bundle id is '${dextId}': the kernel looks the dext up by this id, finds none ("DK: Could not find OSKext for ${resolved}") and launches nothing; apps' userclient-access is checked against it too. Use ${replacement}.`,
      fixes: [{ title: `Use ${replacement}`, edits: [replaceNodeEdit(node, `<string>${escapeXml(replacement)}</string>`)], isPreferred: true }],
    });
  },
});
