import type { PlistScalar } from '../../plist/types';
import { ENTITLEMENT_KINDS } from '../../workspace/files';
import type { Rule, RuleContext } from '../types';
import { topEntry } from '../../dext/entitlements-file';
import { USERCLIENT_ACCESS, splitIds } from '../../dext/userclient-access';
import { indentAt, layoutOf, replaceNodeEdit } from '../../plist/edits';
import { plistFragment } from '../../plist/fragment';
import { replaceWithFragmentEdit } from '../../plist/value-edits';


/** A string that should hold exactly one id: several joined, padded, or none. */
function checkOne(context: RuleContext, node: PlistScalar, replaceWith: (ids: string[]) => string, where: string): boolean {
  const ids = splitIds(node.text);
  if (ids.length === 1 && ids[0] === node.text) return false;
  if (ids.length === 0) {
    context.report({ start: node.start, end: node.end, message: `${where} is empty: it grants access to no dext. Write the dext's bundle id.` });
    return true;
  }
  const several = ids.length > 1;
  context.report({
    start: node.start,
    end: node.end,
    message: several
      ? `${where} holds ${ids.length} ids joined by whitespace (${ids.join(', ')}): the system reads it as one id that no dext has, so it grants access to none of them. Write one <string> per id.`
      : `${where} has whitespace around '${ids[0]}': the system compares ids exactly, so it grants nothing. Remove the whitespace.`,
    fixes: [{ title: several ? 'Split into one <string> per id' : 'Remove the whitespace', edits: [replaceNodeEdit(node, replaceWith(ids))], isPreferred: true }],
  });
  return true;
}

export const userclientAccessJoined: Rule = {
  meta: {
    id: 'userclient-access-joined',
    defaultSeverity: 'error',
    appliesTo: ENTITLEMENT_KINDS,
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:4776-4800 (isEqualTo per element; "UC entitlements check failed")', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:libkern/c++/OSObject.cpp:450-458 (a single string iterated as one element)', primary: true },
      { ref: 'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.driverkit.userclient-access', primary: true },
    ],
    docs: {
      summary: '`userclient-access` holds several bundle ids joined in one string: it grants none of them.',
      what:
        'Reports a `com.apple.developer.driverkit.userclient-access` value (a string, or an element of its array) that holds several ids separated by newlines or spaces, an id with whitespace around it, or an empty string. A single-id string is valid (Apple\'s docs allow it) and reported as information: the array form is what profiles and most tools use.',
      why:
        'The developer portal has been seen to store the list as a single newline-joined string; copied into the entitlements file, it is one id that matches no dext, so after the dext\'s `NewUserClient` ran, the kernel (which compares each element as a whole string with the service\'s `CFBundleIdentifier`) terminates the new user client, `IOServiceOpen` returns `kIOReturnNotPermitted`, and the log shows only `DK: <UserClient>-0x…:UC entitlements check failed` although the id looks present (the "needed bundle ID" line appears only when the key is absent).',
      example: '```xml\n<key>com.apple.developer.driverkit.userclient-access</key>\n<string>com.example.driver\ncom.example.driver2</string>\n```',
      fix: 'One `<string>` per id, in an array. The quick fix splits the string (or wraps a single id in an array).',
      examples: {
        invalid: [{ files: { 'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.userclient-access</key>\n\t<string>com.example.driver\ncom.example.driver2</string>\n</dict>\n</plist>\n' } }],
        valid: [{ files: { 'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.userclient-access</key>\n\t<array>\n\t\t<string>com.example.driver</string>\n\t\t<string>com.example.driver2</string>\n\t</array>\n</dict>\n</plist>\n' } }],
      },
    },
  },
  check(context) {
    const { file } = context;
    const value = topEntry(file, USERCLIENT_ACCESS)?.value;
    if (!value) return;
    const asArray = (ids: string[]) => replaceWithFragmentEdit(file, value, plistFragment(ids)).newText;
    if (value.kind === 'string') {
      if (checkOne(context, value, asArray, `The '${USERCLIENT_ACCESS}' string`)) return;
      context.report({
        start: value.start,
        end: value.end,
        severity: 'information',
        message: `A single id as a string is valid, but the array form (<array><string>${value.text}</string></array>) is what provisioning profiles and most tools use: prefer it, so a second id can be added safely.`,
        fixes: [{ title: 'Wrap in an <array>', edits: [{ start: value.start, end: value.end, newText: asArray([value.text]) }] }],
      });
      return;
    }
    if (value.kind !== 'array') return;
    const { newline } = layoutOf(file);
    for (const item of value.items) {
      if (item.kind !== 'string') continue;
      const indent = indentAt(file, item.start);
      checkOne(context, item, (ids) => ids.map((id) => plistFragment(id)).join(newline + indent), `This '${USERCLIENT_ACCESS}' element`);
    }
  },
};
