import { getEntry } from '../../plist';
import { resolveInTarget } from '../../pbxproj/project';
import { hasVariable } from '../../pbxproj/variables';
import { replaceNodeEdit } from '../util/plist-edits';
import { entryOf, infoRoot, personalities } from '../util/personalities';
import type { Rule } from '../types';

const TEMPLATE_NAME = 'com.apple.null.driver';

export const userserverNameMismatch: Rule = {
  meta: {
    id: 'userserver-name-mismatch',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    fixable: true,
    docs: {
      summary: 'The resolved `IOUserServerName` is not the dext target’s bundle id.',
      what: 'Resolves `IOUserServerName` (and `$(PRODUCT_BUNDLE_IDENTIFIER)`) through the dext target in `project.pbxproj` and reports it when it differs from the target’s `PRODUCT_BUNDLE_IDENTIFIER`. Without a project file it only reports the Xcode template’s placeholder `com.apple.null.driver` next to a different `CFBundleIdentifier`; an unresolved value is never compared.',
      why: 'The system finds the dext by this bundle id: a mismatch means the kernel half matches, then no dext is launched, silently.',
      example: '```xml\n<key>IOUserServerName</key>\n<string>com.apple.null.driver</string>\n```',
      fix: 'Write `$(PRODUCT_BUNDLE_IDENTIFIER)` (quick fix), which Xcode resolves to the dext’s own bundle id.',
    },
  },
  check({ file, workspace, report }) {
    const dext = workspace.dextOf(file);
    const root = infoRoot(file);
    for (const p of personalities(file)) {
      const entry = entryOf(p, 'IOUserServerName');
      const node = entry?.value;
      if (node?.kind !== 'string') continue;
      const text = node.text.trim();
      const fix = { title: 'Use $(PRODUCT_BUNDLE_IDENTIFIER)', edits: [replaceNodeEdit(node, '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>')], isPreferred: true };
      if (dext?.project && dext.target) {
        const resolved = resolveInTarget(dext.project, dext.target, text);
        const ids = dext.bundleIds;
        if (resolved === undefined || ids.length !== 1 || resolved === ids[0]) continue;
        report({ start: node.start, end: node.end, message: `IOUserServerName is '${resolved}', but the dext target ${dext.target.name} has bundle id '${ids[0]}': the system looks the dext up by this name and finds nothing. Use $(PRODUCT_BUNDLE_IDENTIFIER).`, fixes: [fix] });
        continue;
      }
      if (text !== TEMPLATE_NAME) continue;
      const bundle = getEntry(p.dict, 'CFBundleIdentifier')?.value ?? (root ? getEntry(root, 'CFBundleIdentifier')?.value : undefined);
      const bundleText = bundle?.kind === 'string' ? bundle.text.trim() : undefined;
      if (!bundleText || bundleText === TEMPLATE_NAME) continue;
      report({
        start: node.start,
        end: node.end,
        message: `IOUserServerName is still the template's '${TEMPLATE_NAME}' while the bundle id is ${hasVariable(bundleText) ? bundleText : `'${bundleText}'`}: the system looks the dext up by this name and finds nothing. Use $(PRODUCT_BUNDLE_IDENTIFIER).`,
        fixes: [fix],
      });
    }
  },
};
