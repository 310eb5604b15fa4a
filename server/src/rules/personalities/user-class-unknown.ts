import { getEntry } from '../../plist';
import type { PlistDict } from '../../plist/types';
import { getClassModel } from '../../workspace/classes';
import { nearest } from '../util/edit-distance';
import { replaceNodeEdit } from '../util/plist-edits';
import { personalities } from '../util/personalities';
import { bundleContextOf, isUnresolvable } from '../util/personalities-bundle';
import type { Rule } from '../types';

const listed = (names: string[]) => (names.length > 6 ? `${names.slice(0, 6).join(', ')}, …` : names.join(', ') || 'none');

export const userClassUnknown: Rule = {
  meta: {
    id: 'user-class-unknown',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities', 'CFBundleIdentifier'],
    fixable: true,
    docs: {
      summary: '`IOUserClass` (or `UserClientProperties.IOUserClass`) names no class declared in the dext’s `.iig` files.',
      what: 'Reports an `IOUserClass` value that is not a class declared in the `.iig` files of the dext (its folder). Only runs when the dext has `.iig` files in the workspace.',
      why: 'After launch the system instantiates `IOUserClass` in the dext; an unknown class makes the dext start and stop again, with a log line developers rarely find.',
      example: '```xml\n<key>IOUserClass</key>\n<string>MyDrvier</string>\n```',
      fix: 'Name a class declared in an `.iig` of the dext; the quick fix picks the nearest declared name.',
    },
  },
  check({ file, workspace, report }) {
    const dext = workspace.dextOf(file);
    if (!dext || !dext.sources.some((f) => f.nameKind === 'iig')) return;
    const declared = getClassModel(workspace).classesOf(dext).map((c) => c.name);
    const bundle = bundleContextOf(workspace, file);
    const check = (dict: PlistDict, where: string) => {
      const node = getEntry(dict, 'IOUserClass')?.value;
      if (node?.kind !== 'string') return;
      const text = node.text.trim();
      // `$(PRODUCT_NAME)` and the like: compare only what the target resolves.
      const name = isUnresolvable(text) ? bundle.resolve(text) : text;
      if (!name || declared.includes(name)) return;
      const suggestion = nearest(name, declared, 3);
      report({
        start: node.start,
        end: node.end,
        message: `${where} IOUserClass '${name}' is not declared in the dext's .iig files (${listed(declared)}): the system cannot instantiate it.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
        fixes: suggestion ? [{ title: `Use '${suggestion}'`, edits: [replaceNodeEdit(node, `<string>${suggestion}</string>`)], isPreferred: true }] : [],
      });
    };
    for (const p of personalities(file)) {
      check(p.dict, `Personality '${p.name}':`);
      const uc = getEntry(p.dict, 'UserClientProperties')?.value;
      if (uc?.kind === 'dict') check(uc, `UserClientProperties of '${p.name}':`);
    }
  },
};
