// Where a key of a built Info.plist comes from: hover on a top-level key of a target's Info.plist,
// or on an `INFOPLIST_KEY_<Key>` build setting in project.pbxproj or an `.xcconfig`, lists each
// source (the file, or the setting and the configurations it applies to) and what Xcode does
// with them (GENERATE_INFOPLIST_FILE).
import { infoPlistKey, type InfoPlistKey } from '../../dext/info-plist';
import { nodeAt } from '../../plist/values';
import type { Product } from '../../workspace/model';
import type { Workspace } from '../../workspace/workspace';
import { pathToUri } from '../../workspace/uri';
import type { FeatureContribution, HoverResult } from '../types';

function lineOf(workspace: Workspace, path: string, offset: number): number | undefined {
  const file = workspace.get(pathToUri(path));
  return file ? file.document.positionAt(offset).line + 1 : undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Markdown: one line per source of the key, then how they combine. */
export function describeInfoPlistKey(workspace: Workspace, product: Product, key: InfoPlistKey): string {
  const lines = [`**${key.key}** in the built Info.plist of target \`${product.name}\`:`, ''];
  for (const s of key.sources) {
    if (s.from === 'file') {
      const line = s.file.document.positionAt(s.entry.keySpan.start).line + 1;
      lines.push(`- \`${baseName(s.file.path)}\` line ${line}: ${s.value === undefined ? 'a non-string value' : `\`${s.value}\``}`);
    } else if (s.from === 'spec') {
      const line = lineOf(workspace, s.origin.path, s.origin.start) ?? '?';
      lines.push(`- \`info.properties\` of the XcodeGen spec (\`${baseName(s.origin.path)}\` line ${line}), written into the Info.plist when the project is generated: ${s.value === undefined ? 'a non-string value' : `\`${s.value}\``}`);
    } else {
      const where = s.origin ? `\`${baseName(s.origin.path)}\` line ${lineOf(workspace, s.origin.path, s.origin.start) ?? '?'}` : 'a build setting';
      const value = s.value === undefined ? 'a value with a variable we cannot resolve' : s.value === '' ? 'empty (gives no key)' : `\`${s.value}\``;
      lines.push(`- \`${s.setting}\` (${where}, ${s.configurations.join(', ')}): ${value}`);
    }
  }
  if (!key.sources.length) lines.push('- no source gives it.');
  if (key.missingIn.length) lines.push('', `Missing in: ${key.missingIn.join(', ')}.`);
  const fromFile = key.sources.some((s) => s.from === 'file');
  const fromSetting = key.sources.some((s) => s.from === 'setting' && s.value !== '');
  if (fromFile && fromSetting && key.value === undefined) {
    lines.push('', 'The Info.plist file and a build setting both give this key with different values; which one Xcode keeps is not documented (swiftlang/swift-build#369), so checks that compare this value stay silent.');
  }
  lines.push('', 'With `GENERATE_INFOPLIST_FILE = YES`, Xcode adds each `INFOPLIST_KEY_<Key>` build setting to the Info.plist it builds, merged with `INFOPLIST_FILE` ([Build settings reference](https://developer.apple.com/documentation/xcode/build-settings-reference#Generate-Info.plist-File)).');
  return lines.join('\n');
}

/** Products built from this project file or `.xcconfig`. */
function productsReading(workspace: Workspace, path: string): Product[] {
  const model = workspace.getModel();
  return [...model.dexts, ...model.apps].filter((p) => p.target?.configurations.some((c) => Object.values(c.origins ?? {}).some((o) => o.path === path)));
}

function settingHover(workspace: Workspace, path: string, text: string, offset: number): HoverResult | undefined {
  // The word under the cursor, on its line only.
  let start = offset;
  let end = offset;
  const isWord = (c: string | undefined) => !!c && /[A-Za-z0-9_]/.test(c);
  while (start > 0 && isWord(text[start - 1])) start--;
  while (end < text.length && isWord(text[end])) end++;
  const word = text.slice(start, end);
  const m = /^INFOPLIST_KEY_([A-Za-z0-9_]+)$/.exec(word);
  if (!m) return undefined;
  const key = m[1]!;
  const parts: string[] = [];
  for (const product of productsReading(workspace, path)) {
    const found = infoPlistKey(product, key);
    if (!found.sources.some((s) => s.from === 'setting' && s.origin?.path === path && s.origin.start <= start && start <= s.origin.end)) continue;
    parts.push(describeInfoPlistKey(workspace, product, found));
  }
  return parts.length ? { contents: parts.join('\n\n---\n\n'), start, end } : undefined;
}

export const projectFeatures: FeatureContribution = {
  name: 'project',
  appliesTo: ['pbxproj', 'xcconfig', 'dext-info-plist', 'plist'],
  hover({ file, workspace, offset }) {
    if (file.nameKind === 'pbxproj' || file.nameKind === 'xcconfig') return settingHover(workspace, file.path, file.text, offset);
    const product = workspace.productOf(file);
    if (!product?.target || product.infoPlist !== file) return undefined;
    const at = nodeAt(file.plist, offset);
    // Top-level keys only: the generated Info.plist adds top-level keys.
    if (!at.entry || !at.inKey || at.path.length !== 1) return undefined;
    const key = infoPlistKey(product, at.entry.key, file);
    if (!key.sources.some((s) => s.from === 'setting')) return undefined;
    return { contents: describeInfoPlistKey(workspace, product, key), start: at.entry.keySpan.start, end: at.entry.keySpan.end };
  },
};
