import { getEntry } from '../../plist';
import { insertEntryEdit } from '../../plist/edits';
import { infoRoot, personalities, rootTagSpan } from '../../dext/personalities';
import { generatesInfoPlist, infoPlistKey } from '../../dext/info-plist';
import type { WorkspaceFile } from '../../workspace/files';
import type { DextProduct } from '../../workspace/model';
import type { Workspace } from '../../workspace/workspace';
import type { Rule, RuleReport } from '../types';
import { DEVICE_DEXT_INFO_PLIST } from '../example-projects';

const KEY = 'OSBundleUsageDescription';
const SETTING = `INFOPLIST_KEY_${KEY}`;

/** Where the problem of a dext without a usage description is shown: one place per problem. */
type Problem =
  | { at: 'file'; configurations: string[] }
  | { at: 'setting'; path: string; start: number; end: number; message: string };

/**
 * The dext's built Info.plist lacks OSBundleUsageDescription in some configuration. It is shown on
 * the Info.plist file, unless only build settings make the Info.plist (no file, or an empty
 * INFOPLIST_KEY_ setting): then on that setting's line.
 */
function problemOf(dext: DextProduct, file: WorkspaceFile | undefined): Problem | undefined {
  // A project we cannot read may generate the key: say nothing.
  if (dext.unreadProject) return undefined;
  const key = infoPlistKey(dext, KEY, file);
  if (key.presentEverywhere || key.uncertain) return undefined;
  const configurations = dext.target?.configurations ?? [];
  const empty = key.sources.find((s) => s.from === 'setting' && s.value === '' && s.origin && s.configurations.some((c) => key.missingIn.includes(c)));
  if (empty?.from === 'setting' && empty.origin) {
    return {
      at: 'setting',
      ...empty.origin,
      message: `${SETTING} is empty: the generated Info.plist of dext target '${dext.name}' has no ${KEY} (${key.missingIn.join(', ')}), and activation fails without it. Write a sentence saying what the driver does.`,
    };
  }
  if (file) return { at: 'file', configurations: configurations.length > key.missingIn.length ? key.missingIn : [] };
  // No Info.plist file: the target generates one (GENERATE_INFOPLIST_FILE = YES) without the key.
  const generating = configurations.find((c) => key.missingIn.includes(c.name) && generatesInfoPlist(dext, c));
  const origin = generating?.origins?.GENERATE_INFOPLIST_FILE;
  if (!generating || !origin) return undefined;
  return {
    at: 'setting',
    ...origin,
    message: `Dext target '${dext.name}' generates its Info.plist from build settings and sets no ${SETTING} (${key.missingIn.join(', ')}): activation fails without OSBundleUsageDescription. Add ${SETTING} = "<what the driver does>".`,
  };
}

/** Problems shown in a project file, `.xcconfig` or XcodeGen spec: the dexts whose problem is a setting written there. */
function settingProblems(workspace: Workspace, file: WorkspaceFile): RuleReport[] {
  const out: RuleReport[] = [];
  for (const dext of workspace.getModel().dexts) {
    if (!dext.project) continue;
    const problem = problemOf(dext, dext.infoPlist);
    if (problem?.at === 'setting' && problem.path === file.path) out.push({ start: problem.start, end: problem.end, message: problem.message });
  }
  return out;
}

export const missingUsageDescription: Rule = {
  meta: {
    id: 'missing-usage-description',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist', 'pbxproj', 'xcconfig', 'xcodegen', 'yaml'],
    // Of the Info.plist: the key itself, and the personalities (one may hold the key misplaced).
    reads: ['OSBundleUsageDescription', 'IOKitPersonalities'],
    fixable: true,
    sources: [
      { ref: 'https://developer.apple.com/documentation/bundleresources/information-property-list/osbundleusagedescription ("required for all DriverKit extensions")', primary: true },
      { ref: 'https://developer.apple.com/documentation/xcode/build-settings-reference#Generate-Info.plist-File', primary: true },
    ],
    docs: {
      summary: 'A dext whose built `Info.plist` has no top-level `OSBundleUsageDescription`.',
      what: 'Reports a dext Info.plist whose top-level dictionary has no `OSBundleUsageDescription`; one placed inside a personality instead is named in the message. With `GENERATE_INFOPLIST_FILE = YES`, an `INFOPLIST_KEY_OSBundleUsageDescription` build setting (in `project.pbxproj` or an `.xcconfig`) gives the key too; an empty one, or a generated Info.plist without it, is reported on the setting\'s line. Silent when a project we cannot read (Tuist, Swift package, CMake, a damaged project file) may generate the key.',
      why: 'The system shows this text when the user approves the extension; without it activation fails. Inside a personality it is just another matching property.',
      example: '```xml\n<key>OSBundleUsageDescription</key>\n<string>Drives the Example USB sensor.</string>\n```',
      fix: 'Add it at the top level (quick fix, with a placeholder sentence to edit), or set `INFOPLIST_KEY_OSBundleUsageDescription` in the dext target\'s build settings.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
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
  check({ file, workspace, report }) {
    if (file.nameKind === 'pbxproj' || file.nameKind === 'xcconfig' || file.nameKind === 'xcodegen' || file.nameKind === 'yaml') {
      for (const r of settingProblems(workspace, file)) report(r);
      return;
    }
    const root = infoRoot(file);
    if (!root || file.plist.binary || getEntry(root, KEY)) return;
    const dext = workspace.dextOf(file);
    const problem = dext ? problemOf(dext, file) : { at: 'file' as const, configurations: [] };
    if (problem?.at !== 'file') return;
    const misplaced = personalities(file).find((p) => getEntry(p.dict, KEY));
    const where = problem.configurations.length ? ` in ${problem.configurations.join(', ')} (no ${SETTING} build setting there)` : '';
    report({
      ...rootTagSpan(root),
      message: `This dext Info.plist has no top-level OSBundleUsageDescription${where}: activation fails without it.${misplaced ? ` The one in personality '${misplaced.name}' is not read there: move it to the top level.` : ''} Add a sentence saying what the driver does.`,
      fixes: [{ title: 'Insert OSBundleUsageDescription (edit the sentence)', edits: [insertEntryEdit(file, root, KEY, '<string>Drives the device this extension supports.</string>')] }],
    });
  },
};
