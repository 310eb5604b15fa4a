import { removeEntryEdit } from '../../plist/edits';
import { entryOf } from '../../dext/personalities';
import { providerGroup } from '../../knowledge/personalities';
import type { Rule } from '../types';
import { DEVICE_DEXT_INFO_PLIST } from '../example-projects';
import { personalityRule } from '../parts';

export const usbProbeScore: Rule = personalityRule({
  meta: {
    id: 'usb-probe-score',
    defaultSeverity: 'information',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: "https://developer.apple.com/library/archive/qa/qa1076/_index.html (no IOProbeScore in USB personalities)", primary: true },
    ],
    docs: {
      summary: '`IOProbeScore` in a USB personality.',
      what: 'Reports `IOProbeScore` in a personality whose provider is `IOUSBHostDevice` or `IOUSBHostInterface`.',
      why: 'USB matching scores come from the matching row (each `*` wildcard costs 1000); Apple says never to add `IOProbeScore` to a USB personality: it skews the ranking against other drivers.',
      example: '```xml\n<key>IOProbeScore</key>\n<integer>100000</integer>\n```',
      fix: 'Remove it (quick fix); make the matching row more specific instead.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>IOProbeScore</key>\n\t\t\t<integer>100000</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
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
  check(p, _shared, { file, report }) {
    const entry = entryOf(p, 'IOProbeScore');
    if (!entry || providerGroup(p.provider) !== 'usb') return;
    report({ start: entry.keySpan.start, end: entry.keySpan.end, message: `IOProbeScore in USB personality '${p.name}': USB scores come from the matching row, and Apple says never to set it. Remove it.`, tags: ['unnecessary'], fixes: [{ title: 'Remove IOProbeScore', edits: [removeEntryEdit(file.document, entry)], isPreferred: true }] });
  },
});
