import { bundleContextOf } from '../../dext/bundle-id';
import { removeEntryEdit } from '../../plist/edits';
import { entryOf, stringOf } from '../../dext/personalities';
import type { Rule } from '../types';
import { DEVICE_DEXT_INFO_PLIST } from '../example-projects';
import { personalityRule } from '../parts';

/** The kernel's organization: the bundle id up to and including its second dot (none with fewer dots). */
function kernelOrganization(bundleId: string): string | undefined {
  const first = bundleId.indexOf('.');
  const second = first < 0 ? -1 : bundleId.indexOf('.', first + 1);
  return second < 0 ? undefined : bundleId.slice(0, second + 1);
}

export const oneProcessFalse: Rule = personalityRule({
  meta: {
    id: 'one-process-false',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities', 'CFBundleIdentifier'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp:4876 (presence only)', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:6555-6615 (organization check, "not correct organization", sharing skipped)', primary: true },
    ],
    docs: {
      summary: '`IOUserServerOneProcess` = `<false/>` (the kernel reads presence only, so process sharing is on), or sharing with an `IOUserServerName` of another organization.',
      what: 'Reports `IOUserServerOneProcess` set to `<false/>`; and, when the key is present, an `IOUserServerName` that does not start with the bundle id’s text up to and including its second dot (both resolved through the dext target when there is a project file; unresolved values are never compared).',
      why: 'The kernel tests only whether the key exists (xnu `IOService.cpp`): `<false/>` still makes the services whose personalities share the `IOUserServerName` share one dext process, the opposite of what it says. Sharing also requires the server name to start with the bundle id up to and including its second dot (a bundle id with fewer than two dots never qualifies); otherwise the kernel logs `IOUserServerName "<name>" not correct organization for bundleID "<id>"` and skips sharing: the service still launches, in a process of its own (xnu `IOUserServer.cpp`).',
      example: '```xml\n<key>IOUserServerOneProcess</key>\n<false/>\n```',
      fix: 'Remove the key to get one process per service (quick fix); write `<true/>` if sharing is meant, with `IOUserServerName` = `$(PRODUCT_BUNDLE_IDENTIFIER)`.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t\t<key>IOUserServerOneProcess</key>\n\t\t\t<false/>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
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
  prepare: ({ file, workspace }) => bundleContextOf(workspace, file),
  check(p, bundle, { file, report }) {
    const entry = entryOf(p, 'IOUserServerOneProcess');
    if (!entry) return;
    const remove = { title: 'Remove IOUserServerOneProcess', edits: [removeEntryEdit(file.document, entry)] };
    if (entry.value?.kind === 'false') {
      // What <false/> means to say: no sharing, which is the key's absence.
      report({ start: entry.keySpan.start, end: entry.value.end, message: `IOUserServerOneProcess is <false/> in personality '${p.name}', but the kernel only checks that the key exists: process sharing is ON. Remove the key to turn it off.`, fixes: [{ ...remove, isPreferred: true }] });
      return;
    }
    const serverText = stringOf(p.dict, 'IOUserServerName');
    const bundleText = stringOf(p.dict, 'CFBundleIdentifier');
    // Same text (usually both $(PRODUCT_BUNDLE_IDENTIFIER)) is the same id, resolved or not.
    if (!serverText || serverText === bundleText) return;
    const server = bundle.resolve(serverText);
    const bundleId = bundle.bundleId ?? (bundleText ? bundle.resolve(bundleText) : undefined);
    const prefix = kernelOrganization(bundleId ?? '');
    if (!server || !bundleId || (prefix !== undefined && server.startsWith(prefix))) return;
    report({
      start: entry.keySpan.start,
      end: entry.keySpan.end,
      message: `Personality '${p.name}' shares one process (IOUserServerOneProcess) with IOUserServerName '${server}', ${prefix === undefined ? `but the bundle id '${bundleId}' has fewer than two dots` : `which does not start with '${prefix}' (the bundle id '${bundleId}' up to its second dot)`}: the kernel logs "not correct organization" and skips sharing; the service runs in a process of its own. Use $(PRODUCT_BUNDLE_IDENTIFIER) as the server name, or remove the key.`,
      fixes: [remove],
    });
  },
});
