import { nearest } from '../../text/edit-distance';

import { personalitySchema } from '../../knowledge/personalities';
import type { Rule } from '../types';
import { DEVICE_DEXT_INFO_PLIST } from '../example-projects';
import { personalityRule } from '../parts';

export const personalityUnknownKey: Rule = personalityRule({
  meta: {
    id: 'personality-unknown-key',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: "apple-oss-distributions/xnu@e3723e1f:iokit/IOKit/IOKitKeys.h:89-198 (matching and DriverKit keys)", primary: true },
      { ref: "https://developer.apple.com/library/archive/qa/qa1076/_index.html", primary: true },
    ],
    docs: {
      summary: 'A personality key within a small edit distance of a known key (`IOUserServername`, `idvendor`).',
      what: 'Reports a key of a DriverKit personality that is not a known key but differs from one only by case or a couple of characters. Other unknown keys are left alone: personalities carry driver-specific properties.',
      why: 'Keys are case-sensitive: `idvendor` is an unknown property the kernel ignores, so the personality matches any vendor (or the dext is never found, for `IOUserServername`).',
      example: '```xml\n<key>IOUserServername</key>\n<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n```',
      fix: 'Rename the key (quick fix).',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServername</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
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
  prepare() {
    const known = personalitySchema().keys.map((k) => k.key);
    // System-added keys (kOSBundleDextUniqueIdentifier…) are system-added-key's: never "corrected" here.
    return { known, knownSet: new Set([...known, ...personalitySchema().systemAddedKeys]) };
  },
  check(p, { known, knownSet }, { report }) {
    for (const entry of p.dict.entries) {
      if (knownSet.has(entry.key) || entry.key.length < 5) continue;
      const suggestion = nearest(entry.key, known, 2);
      if (!suggestion) continue;
      report({
        start: entry.keyInner.start,
        end: entry.keyInner.end,
        message: `Unknown key '${entry.key}' in personality '${p.name}': did you mean '${suggestion}'? Keys are case-sensitive, and the system ignores this one.`,
        fixes: [{ title: `Rename to '${suggestion}'`, edits: [{ start: entry.keyInner.start, end: entry.keyInner.end, newText: suggestion }], isPreferred: true }],
      });
    }
  },
});
