import { bundleContextOf } from '../util/personalities-bundle';
import { replaceNodeEdit } from '../util/plist-edits';
import { entryOf, infoRoot, personalities, stringOf } from '../util/personalities';
import type { Rule } from '../types';

/** The Xcode DriverKit template's placeholder (driverkit.md §6). */
const TEMPLATE_NAME = 'com.apple.null.driver';

export const userserverNameMismatch: Rule = {
  meta: {
    id: 'userserver-name-mismatch',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities', 'CFBundleIdentifier'],
    fixable: true,
    docs: {
      summary: 'The resolved `IOUserServerName` is not the dext target’s bundle id.',
      what: 'Resolves `IOUserServerName` (and `$(PRODUCT_BUNDLE_IDENTIFIER)`) through the dext target in `project.pbxproj` and reports it when it differs from the target’s `PRODUCT_BUNDLE_IDENTIFIER`. Without a project file (or when the target’s bundle id does not resolve) it only reports the Xcode template’s placeholder `com.apple.null.driver` next to a different `CFBundleIdentifier`; an unresolved value is never compared.',
      why: 'The system finds the dext by this bundle id: with a mismatch the kernel half matches, then no dext is launched, silently.',
      example: '```xml\n<key>IOUserServerName</key>\n<string>com.apple.null.driver</string>\n```',
      fix: 'Write `$(PRODUCT_BUNDLE_IDENTIFIER)` (quick fix), which Xcode resolves to the dext’s own bundle id.',
    },
  },
  check({ file, workspace, report }) {
    const bundle = bundleContextOf(workspace, file);
    const topBundleId = stringOf(infoRoot(file), 'CFBundleIdentifier');
    for (const p of personalities(file)) {
      const node = entryOf(p, 'IOUserServerName')?.value;
      if (node?.kind !== 'string') continue;
      const text = node.text.trim();
      const fixes = [{ title: 'Use $(PRODUCT_BUNDLE_IDENTIFIER)', edits: [replaceNodeEdit(node, '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>')], isPreferred: true }];
      if (bundle.fromProject && bundle.bundleId) {
        const resolved = bundle.resolve(text);
        if (resolved === undefined || resolved === bundle.bundleId) continue;
        report({ start: node.start, end: node.end, message: `IOUserServerName is '${resolved}', but the dext target's bundle id is '${bundle.bundleId}': the kernel matches, then the system looks the dext up by this name and launches nothing. Use $(PRODUCT_BUNDLE_IDENTIFIER).`, fixes });
        continue;
      }
      if (text !== TEMPLATE_NAME) continue;
      const bundleText = stringOf(p.dict, 'CFBundleIdentifier') ?? topBundleId;
      if (!bundleText || bundleText === TEMPLATE_NAME) continue;
      report({
        start: node.start,
        end: node.end,
        message: `IOUserServerName is still the Xcode template's '${TEMPLATE_NAME}' while the bundle id is '${bundleText}': the system looks the dext up by this name and launches nothing. Use $(PRODUCT_BUNDLE_IDENTIFIER).`,
        fixes,
      });
    }
  },
};
