import { isUnresolvable } from '../../dext/bundle-id';
import { insertEntryEdit, replaceNodeEdit } from '../../plist/edits';

import { getEntry } from '../../plist';
import type { Rule } from '../types';
import { personalityRule } from '../parts';

/** The kernel class of every DriverKit user client (IOService.iig, `Create`). */
const USER_CLIENT_CLASS = 'IOUserUserClient';

/** `UserClientProperties` and the families' `IOUserAudioDriverUserClientProperties`, `IOUserMIDIDriverUserClientProperties`. */
const isUserClientDictKey = (key: string) => key.endsWith('UserClientProperties');

export const userclientIoclass: Rule = personalityRule({
  meta: {
    id: 'userclient-ioclass',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/DriverKit/IOService.iig:284-300 (IOService::Create: "IOClass - kernel class of IOUserUserClient")', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:4707-4716 (IOUserServer::serviceNewUserClient: not an IOUserUserClient → kIOReturnUnsupported)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:5212-5216 (IOService::Create_Impl: no IOClass → kIOReturnBadArgument)', primary: true },
    ],
    docs: {
      summary: 'A `…UserClientProperties` dict whose `IOClass` is not `IOUserUserClient` (or missing).',
      what: 'Reports, in each DriverKit personality, a dict whose key ends in `UserClientProperties` (`UserClientProperties`, AudioDriverKit’s `IOUserAudioDriverUserClientProperties`, MIDIDriverKit’s `IOUserMIDIDriverUserClientProperties`) when its `IOClass` is a literal other than `IOUserUserClient`, or when it has no `IOClass`. Build variables are not compared.',
      why: 'The dext’s `NewUserClient` creates the user client from this dict with `IOService::Create`, which instantiates `IOClass` in the kernel: without `IOClass` it fails with `kIOReturnBadArgument`; with a class that is not an `IOUserUserClient` (`IOUserService`, `IOUserClient`, the dext’s own class name) the kernel terminates the object and `IOServiceOpen` fails with `kIOReturnUnsupported`.',
      example: '```xml\n<key>UserClientProperties</key>\n<dict>\n    <key>IOClass</key>\n    <string>IOUserClient</string>\n    <key>IOUserClass</key>\n    <string>MyUserClient</string>\n</dict>\n```',
      fix: 'Write `IOClass` = `IOUserUserClient` (quick fix); the dext’s own class goes in `IOUserClass`.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>UserClientProperties</key>\n\t\t\t<dict>\n\t\t\t\t<key>IOClass</key>\n\t\t\t\t<string>IOUserClient</string>\n\t\t\t\t<key>IOUserClass</key>\n\t\t\t\t<string>MyUserClient</string>\n\t\t\t</dict>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>UserClientProperties</key>\n\t\t\t<dict>\n\t\t\t\t<key>IOClass</key>\n\t\t\t\t<string>IOUserUserClient</string>\n\t\t\t\t<key>IOUserClass</key>\n\t\t\t\t<string>MyUserClient</string>\n\t\t\t</dict>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
            },
          },
        ],
      },
    },
  },
  check(p, _shared, { file, report }) {
    for (const entry of p.dict.entries) {
      const dict = entry.value;
      if (!isUserClientDictKey(entry.key) || dict?.kind !== 'dict') continue;
      const ioClass = getEntry(dict, 'IOClass');
      if (!ioClass) {
        report({
          start: entry.keySpan.start,
          end: entry.keySpan.end,
          message: `${entry.key} of personality '${p.name}' has no IOClass: IOService::Create fails (kIOReturnBadArgument) and no app can open the user client. Add IOClass = ${USER_CLIENT_CLASS}.`,
          fixes: [{ title: `Insert IOClass = ${USER_CLIENT_CLASS}`, edits: [insertEntryEdit(file, dict, 'IOClass', `<string>${USER_CLIENT_CLASS}</string>`)], isPreferred: true }],
        });
        continue;
      }
      const node = ioClass.value;
      if (node?.kind !== 'string') continue;
      const text = node.text.trim();
      if (text === USER_CLIENT_CLASS || !text || isUnresolvable(text)) continue;
      report({
        start: node.start,
        end: node.end,
        message: `IOClass of ${entry.key} in personality '${p.name}' is '${text}': the user client the kernel creates is not an ${USER_CLIENT_CLASS}, so IOServiceOpen fails with kIOReturnUnsupported. Use ${USER_CLIENT_CLASS}; the dext's class goes in IOUserClass.`,
        fixes: [{ title: `Use ${USER_CLIENT_CLASS}`, edits: [replaceNodeEdit(node, `<string>${USER_CLIENT_CLASS}</string>`)], isPreferred: true }],
      });
    }
  },
});
