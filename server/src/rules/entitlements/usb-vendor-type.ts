import type { Rule, RuleFix } from '../types';
import { kindLabel, numericString } from '../../dext/entitlements-file';
import { matchEntry, transportValues } from '../../dext/transport';
import { replaceNodeEdit } from '../../plist/edits';
import { USB_DEXT_ENTITLEMENTS } from '../example-projects';

export const usbVendorType: Rule = {
  meta: {
    id: 'usb-vendor-type',
    defaultSeverity: 'error',
    appliesTo: ['dext-entitlements'],
    fixable: true,
    sources: [
      { ref: 'https://developer.apple.com/library/archive/qa/qa1076/_index.html (USB values are integers; a string only as the * wildcard)', primary: true },
      { ref: 'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.driverkit.transport.usb', primary: true },
    ],
    docs: {
      summary: '`idVendor` in `transport.usb` is a string other than `*`.',
      what:
        'Reports an `idVendor` in a `com.apple.developer.driverkit.transport.usb` dict whose value is a string other than `*` (`<string>1234</string>`, `<string>0x05ac</string>`), or neither an integer nor a string.',
      why:
        'The provider re-matches itself against these dicts like a personality, and Apple\'s USB matching (QA1076) takes integers, with a string only as the `*` wildcard. The approved value is the **integer** vendor id Apple granted; the development value is the string `*`. A string of digits is neither: it matches no device, so the provider\'s entitlement check fails (`provider entitlements check failed`) and the dext never gets its device.',
      example: '```xml\n<key>idVendor</key>\n<string>1452</string>\n```',
      fix: 'The quick fixes write the number as `<integer>N</integer>` (decimal, the approved form), or the development value `<string>*</string>`.',
      examples: {
        invalid: [{ files: { 'Driver/Driver.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<string>1452</string>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'Driver/Driver.entitlements': USB_DEXT_ENTITLEMENTS } }],
      },
    },
  },
  check(context) {
    for (const { transport, dicts } of transportValues(context.file)) {
      if (transport.requiredKey !== 'idVendor') continue;
      for (const dict of dicts) {
        const value = matchEntry(dict, 'idVendor')?.value;
        if (!value || value.kind === 'integer') continue;
        if (value.kind === 'string' && value.text === '*') continue;
        const fixes: RuleFix[] = [];
        const number = value.kind === 'string' ? numericString(value.text) : undefined;
        if (number !== undefined && number <= 0xffff) {
          fixes.push({ title: `Write <integer>${number}</integer> (the approved form)`, edits: [replaceNodeEdit(value, `<integer>${number}</integer>`)], isPreferred: true });
        }
        fixes.push({ title: 'Write <string>*</string> (development only: any vendor)', edits: [replaceNodeEdit(value, '<string>*</string>')] });
        const what = value.kind === 'string' ? `the string '${value.text}'` : kindLabel(value);
        context.report({
          start: value.start,
          end: value.end,
          message:
            `idVendor is ${what}: it matches no device and no profile. Write the vendor id Apple granted as an integer` +
            (number !== undefined ? ` (<integer>${number}</integer>)` : '') +
            ", or the development value <string>*</string>.",
          fixes,
        });
      }
    }
  },
};
