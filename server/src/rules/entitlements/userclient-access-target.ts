import { hasVariable } from '../../pbxproj/variables';
import type { Rule } from '../types';
import { editDistance } from '../util/edit-distance';
import { bundleIdOfEntry, splitIds, userclientAccessNodes, USERCLIENT_ACCESS } from '../util/entitlements-userclient';
import { escapeXml } from '../util/plist-edits';
import { decodedOffsets, sourceSpan } from '../util/plist-text-map';

function nearestId(id: string, candidates: string[]): string {
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
    const dexts = workspace.getModel().dexts;
    // One dext whose id is unknown could be the one listed: stay silent rather than guess.
    if (!dexts.length || dexts.some((d) => d.bundleIds.length === 0)) return;
    const dextIds = [...new Set(dexts.flatMap((d) => d.bundleIds))];
    for (const node of nodes) {
      if (splitIds(node.text).length !== 1 || node.text.trim() !== node.text) continue; // userclient-access-joined
      const id = bundleIdOfEntry(node.text);
      if (!id || hasVariable(id) || dextIds.includes(id)) continue;
      const suggestion = nearestId(id, dextIds);
      const offsets = decodedOffsets(file.text, node);
      const span = sourceSpan(offsets, node, 0, id.length);
      context.report({
        ...span,
        message: `'${id}' in ${USERCLIENT_ACCESS} is the bundle id of no dext in this workspace (${dextIds.join(', ')}): it grants access to nothing here. Did you mean '${suggestion}'?`,
        fixes: [{
          title: `Replace with '${suggestion}'`,
          edits: [offsets ? { ...span, newText: escapeXml(suggestion) } : { start: node.inner.start, end: node.inner.end, newText: escapeXml(suggestion + node.text.slice(id.length)) }],
        }],
      });
    }
  },
};
