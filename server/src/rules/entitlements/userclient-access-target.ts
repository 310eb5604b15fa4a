import { hasVariable } from '../../pbxproj/variables';
import type { Rule } from '../types';
import { editDistance } from '../../text/edit-distance';
import { bundleIdOfEntry, splitIds, userclientAccessNodes, USERCLIENT_ACCESS, workspaceDextIds } from '../../dext/userclient-access';
import { escapeXml } from '../../plist/edits';
import { decodedOffsets, sourceSpan } from '../../plist/text-map';

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
    docs: {
      summary: 'A `userclient-access` id that is the bundle id of no dext in the workspace.',
      what:
        'In a host app\'s entitlements, reports an id listed in `com.apple.developer.driverkit.userclient-access` (the part before `:` in `bundle.id:UserClientClass` entries) that matches the bundle id of no dext in the workspace. It runs only when every dext of the workspace has a resolved bundle id (from `PRODUCT_BUNDLE_IDENTIFIER`, or a literal `CFBundleIdentifier`/`IOUserServerName`); with an unresolved `$(VAR)` it stays silent.',
      why:
        'The kernel compares the dext\'s bundle id with this list exactly. A typo, the app\'s own id, or an id left from a renamed target grants nothing: `IOServiceOpen` fails with `kIOReturnNotPermitted` and the kernel logs "UC failed userclient-access check, needed bundle ID <dext id>".',
      example: '```xml\n<key>com.apple.developer.driverkit.userclient-access</key>\n<array>\n    <string>com.example.MyDrvier</string>\n</array>\n```',
      fix: 'Write the dext\'s bundle id (its `PRODUCT_BUNDLE_IDENTIFIER`, also its personalities\' `IOUserServerName`). The quick fix replaces the id with the nearest dext id of the workspace. Ids of dexts from other projects are fine: disable the rule for that line.',
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
      const id = bundleIdOfEntry(node.text);
      if (!id || hasVariable(id) || dextIds.has.has(id)) continue;
      const suggestion = nearestId(id, dextIds.ids);
      const offsets = decodedOffsets(file.text, node);
      const span = sourceSpan(offsets, node, 0, id.length);
      context.report({
        ...span,
        message: `'${id}' in ${USERCLIENT_ACCESS} is the bundle id of no dext in this workspace (${listed(dextIds.ids)}): it grants access to nothing here. Did you mean '${suggestion}'?`,
        fixes: [{
          title: `Replace with '${suggestion}'`,
          edits: [offsets ? { ...span, newText: escapeXml(suggestion) } : { start: node.inner.start, end: node.inner.end, newText: escapeXml(suggestion + node.text.slice(id.length)) }],
        }],
      });
    }
  },
};
