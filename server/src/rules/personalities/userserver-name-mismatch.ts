import { bundleContextOf } from '../../dext/bundle-id';
import { replaceNodeEdit } from '../../plist/edits';
import { entryOf, infoRoot, stringOf } from '../../dext/personalities';
import type { Rule } from '../types';
import { DEVICE_DEXT_INFO_PLIST } from '../example-projects';
import { personalityRule } from '../parts';

/** The Xcode DriverKit template's placeholder. */
const TEMPLATE_NAME = 'com.apple.null.driver';

export const userserverNameMismatch: Rule = personalityRule({
  meta: {
    id: 'userserver-name-mismatch',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities', 'CFBundleIdentifier'],
    fixable: true,
    sources: [
      { ref: 'https://developer.apple.com/documentation/bundleresources/information-property-list/iouserservername', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2272-2282, 6534, 6555-6591 (server name, lookupDextWithIdentifier by CFBundleIdentifier, sharing)', primary: true },
      { ref: 'apple-oss-distributions/IOHIDFamily@5efd04c6:AppleUserHIDDrivers/AppleUserHIDDrivers/Info.plist:40,61 (Apple dext: server names other than its bundle id)', primary: true },
    ],
    docs: {
      summary: '`IOUserServerName` is not the dext’s bundle id (Apple recommends it); the Xcode template’s `com.apple.null.driver` left in place.',
      what: 'Reports the Xcode template’s placeholder `com.apple.null.driver` next to a different bundle id (warning), and, when `IOUserServerName` resolves through the dext target in `project.pbxproj`, any other value that differs from the target’s `PRODUCT_BUNDLE_IDENTIFIER` (information). An unresolved value is never compared.',
      why: '`IOUserServerName` names the dext process the system launches for the personality; personalities with the same name (and `IOUserServerOneProcess`) share one process (xnu `IOUserServer.cpp`). Apple’s documentation says that “typically” it is the dext’s bundle id, and Apple’s own dexts sometimes use other names. The kernel finds the dext itself by the personality’s `CFBundleIdentifier`, not by this name, so a different value still launches the dext. The template’s `com.apple.null.driver` left in place is almost always an oversight: every dext built from the template shares that name.',
      example: '```xml\n<key>IOUserServerName</key>\n<string>com.apple.null.driver</string>\n```',
      fix: 'Write `$(PRODUCT_BUNDLE_IDENTIFIER)` (quick fix), which Xcode resolves to the dext’s own bundle id.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>com.apple.null.driver</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': DEVICE_DEXT_INFO_PLIST,
            },
          },
        ],
      },
    },
  },
  prepare: ({ file, workspace }) => ({ bundle: bundleContextOf(workspace, file), topBundleId: stringOf(infoRoot(file), 'CFBundleIdentifier') }),
  check(p, { bundle, topBundleId }, { report }) {
    const node = entryOf(p, 'IOUserServerName')?.value;
    if (node?.kind !== 'string') return;
    const text = node.text.trim();
    const fixes = [{ title: 'Use $(PRODUCT_BUNDLE_IDENTIFIER)', edits: [replaceNodeEdit(node, '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>')], isPreferred: true }];
    if (bundle.fromProject && bundle.bundleId) {
      const resolved = bundle.resolve(text);
      if (resolved === undefined || resolved === bundle.bundleId) return;
      const template = resolved === TEMPLATE_NAME;
      report({
        start: node.start,
        end: node.end,
        severity: template ? undefined : 'information',
        message: template
          ? `IOUserServerName is still the Xcode template's '${TEMPLATE_NAME}' while the dext target's bundle id is '${bundle.bundleId}': it names the dext's process, and Apple recommends the bundle id. Use $(PRODUCT_BUNDLE_IDENTIFIER).`
          : `IOUserServerName is '${resolved}', not the dext target's bundle id '${bundle.bundleId}': it names the dext's process (the kernel finds the dext by the personality's CFBundleIdentifier); Apple recommends the bundle id. Use $(PRODUCT_BUNDLE_IDENTIFIER) unless the name is deliberate.`,
        fixes: template ? fixes : [{ ...fixes[0]!, isPreferred: false }],
      });
      return;
    }
    if (text !== TEMPLATE_NAME) return;
    const bundleText = stringOf(p.dict, 'CFBundleIdentifier') ?? topBundleId;
    if (!bundleText || bundleText === TEMPLATE_NAME) return;
    report({
      start: node.start,
      end: node.end,
      message: `IOUserServerName is still the Xcode template's '${TEMPLATE_NAME}' while the bundle id is '${bundleText}': it names the dext's process, and Apple recommends the bundle id. Use $(PRODUCT_BUNDLE_IDENTIFIER).`,
      fixes,
    });
  },
});
