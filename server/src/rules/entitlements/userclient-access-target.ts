import { hasVariable } from '../../pbxproj/variables';
import type { Rule } from '../types';
import { editDistance } from '../../text/edit-distance';
import { bundleIdOfEntry, splitIds, userclientAccessNodes, USERCLIENT_ACCESS, workspaceDextIds } from '../../dext/userclient-access';
import { escapeXml, removeNodeEdit } from '../../plist/edits';
import { decodedOffsets, sourceSpan } from '../../plist/text-map';
import { USB_DEXT_INFO_PLIST } from '../example-projects';

/** The ids for a message: all of a few, the first ones of many (a workspace may hold hundreds). */
function listed(ids: readonly string[], shown = 5): string {
  return ids.length <= shown ? ids.join(', ') : `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`;
}

function nearestId(id: string, candidates: readonly string[]): string {
  let best = candidates[0]!;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(id, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

export const userclientAccessTarget: Rule = {
  meta: {
    id: 'userclient-access-target',
    defaultSeverity: 'warning',
    appliesTo: ['app-entitlements'],
    fixable: true,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:4770-4806 (whole-string isEqualTo against the service CFBundleIdentifier; kIOReturnNotPermitted)', primary: true },
      { ref: 'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.driverkit.userclient-access', primary: true },
    ],
    docs: {
      summary: 'A `userclient-access` entry that is the bundle id of no dext in the workspace.',
      what:
        'In a host app\'s entitlements, reports an entry of `com.apple.developer.driverkit.userclient-access` that is the bundle id of no dext in the workspace, including entries of the form `bundle.id:ClassName` (there is no such form: the entry is compared as a whole string). It runs only when every dext of the workspace has a resolved bundle id (from `PRODUCT_BUNDLE_IDENTIFIER`, or a literal `CFBundleIdentifier`/`IOUserServerName`); with an unresolved `$(VAR)` it stays silent.',
      why:
        'After the dext\'s `NewUserClient` created the user client, the kernel compares each entry, as a whole string (`isEqualTo`), with the service personality\'s `CFBundleIdentifier` (xnu `IOUserServer.cpp`). A typo, the app\'s own id, an id left from a renamed target or an id with `:ClassName` appended never equals it: the kernel terminates the user client, `IOServiceOpen` returns `kIOReturnNotPermitted`, and the log shows only `DK: <UserClient>-0x…:UC entitlements check failed` (the "needed bundle ID" line appears only when the key is absent).',
      example: '```xml\n<key>com.apple.developer.driverkit.userclient-access</key>\n<array>\n    <string>com.example.MyDrvier</string>\n</array>\n```',
      fix: 'Write the dext\'s bundle id (its `PRODUCT_BUNDLE_IDENTIFIER`, which its personalities\' `CFBundleIdentifier` names). The quick fix replaces the id with the nearest dext id of the workspace. Ids of dexts from other projects are fine: disable the rule for that line.',
      examples: {
        invalid: [
          {
            files: {
              'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.userclient-access</key>\n\t<array>\n\t\t<string>com.example.drvier</string>\n\t</array>\n</dict>\n</plist>\n',
              'Driver/Info.plist': USB_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'App/App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.userclient-access</key>\n\t<array>\n\t\t<string>com.example.driver</string>\n\t</array>\n</dict>\n</plist>\n',
              'Driver/Info.plist': USB_DEXT_INFO_PLIST,
            },
          },
        ],
      },
    },
  },
  check(context) {
    const { file, workspace } = context;
    const nodes = userclientAccessNodes(file);
    if (!nodes.length) return;
    const dextIds = workspaceDextIds(workspace);
    // One dext whose id is unknown could be the one listed: stay silent rather than guess.
    if (!dextIds.allKnown) return;
    for (const node of nodes) {
      if (splitIds(node.text).length !== 1 || node.text.trim() !== node.text) continue; // userclient-access-joined
      const id = node.text;
      if (!id || hasVariable(id) || dextIds.has.has(id)) continue;
      const prefix = bundleIdOfEntry(id);
      const classForm = prefix !== id && dextIds.has.has(prefix);
      const suggestion = classForm ? prefix : nearestId(id, dextIds.ids);
      const offsets = decodedOffsets(file.text, node);
      const span = sourceSpan(offsets, node, 0, id.length);
      // `id:Class` next to the plain id: access works through the plain entry; this one is dead weight.
      if (classForm && nodes.some((other) => other !== node && other.text === prefix)) {
        context.report({
          ...span,
          severity: 'information',
          message: `'${id}' in ${USERCLIENT_ACCESS} grants nothing (the kernel compares each entry as a whole string; there is no 'bundle.id:ClassName' form). '${prefix}', listed too, is the entry that grants access: remove this one.`,
          fixes: [{ title: `Remove '${id}'`, edits: [removeNodeEdit(file.document, node)] }],
        });
        continue;
      }
      context.report({
        ...span,
        message: classForm
          ? `'${id}' in ${USERCLIENT_ACCESS}: the kernel compares each entry as a whole string with the dext's bundle id; there is no 'bundle.id:ClassName' form, so this entry grants nothing (IOServiceOpen returns kIOReturnNotPermitted). Write '${prefix}'.`
          : `'${id}' in ${USERCLIENT_ACCESS} is the bundle id of no dext in this workspace (${listed(dextIds.ids)}): it grants access to nothing here. Did you mean '${suggestion}'?`,
        fixes: [{
          title: `Replace with '${suggestion}'`,
          edits: [offsets ? { ...span, newText: escapeXml(suggestion) } : { start: node.inner.start, end: node.inner.end, newText: escapeXml(suggestion + node.text.slice(id.length)) }],
        }],
      });
    }
  },
};
