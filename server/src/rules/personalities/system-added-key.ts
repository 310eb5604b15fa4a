import { removeEntryEdit } from '../../plist/edits';
import { personalitySchema } from '../../knowledge/personalities';
import type { Rule } from '../types';
import { DEVICE_DEXT_INFO_PLIST } from '../example-projects';
import { dictRule } from '../parts';

export const systemAddedKey: Rule = dictRule({
  meta: {
    id: 'system-added-key',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:libkern/libkern/OSKextLibPrivate.h:194 (kOSBundleDextUniqueIdentifierKey "kOSBundleDextUniqueIdentifier")', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/IOKit/IOKitKeys.h:192-193 (IOUserServerCDHash: the expected cdhash of the driver executable)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:libkern/c++/OSKext.cpp:14979-14986 (IOPersonalityPublisher)', primary: true },
    ],
    docs: {
      summary: '`IOUserServerCDHash`, `IOPersonalityPublisher` or `kOSBundleDextUniqueIdentifier` written by hand.',
      what: 'Reports any of the keys the system adds to a dext’s personalities when it installs the dext, found in the source Info.plist (often copied from `ioreg` output).',
      why: 'The system computes these values when it loads the dext: `IOUserServerCDHash` is “the expected cdhash value of the userspace driver executable” (xnu `IOKitKeys.h`), `kOSBundleDextUniqueIdentifier` identifies the installed dext (xnu `OSKextLibPrivate.h`), `IOPersonalityPublisher` is set by OSKext. A hand-written value (usually pasted from `ioreg`) describes another build.',
      example: '```xml\n<key>IOUserServerCDHash</key>\n<string>3f5c…</string>\n```',
      fix: 'Remove the key (quick fix).',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>IOUserServerCDHash</key>\n\t\t\t<string>3f5c0e8a</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
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
  check(dict, { file, report }) {
    const added = personalitySchema().systemAddedKeys;
    for (const entry of dict.entries) {
      if (!added.includes(entry.key)) continue;
      report({ start: entry.keySpan.start, end: entry.keySpan.end, message: `${entry.key} is added by the system when the dext is loaded: a hand-written value (usually pasted from ioreg) describes another build. Remove it.`, fixes: [{ title: `Remove ${entry.key}`, edits: [removeEntryEdit(file.document, entry)], isPreferred: true }] });
    }
  },
});
