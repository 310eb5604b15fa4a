// Completion in entitlements files: the keys that belong on this file's side and are not present
// yet (inserted with a value skeleton of the right type), and values: `<true/>`/`<false/>` for
// booleans, `*` and integers for `idVendor`, the workspace's dext bundle ids for userclient-access.
import { nodeAt } from '../../plist';
import type { PlistDict, PlistEntry } from '../../plist/types';
import { rootDictOf } from '../../dext/entitlements-file';
import { belongsOn, entitlementInfo, knownEntitlements, transportOfKey, type EntitlementInfo } from '../../knowledge/entitlements';
import { sideOfKind } from '../../dext/entitlements-file';
import { bundleIdOfEntry, USERCLIENT_ACCESS, userclientAccessNodes, workspaceDextIds } from '../../dext/userclient-access';
import { escapeXml } from '../../plist/edits';
import type { Workspace } from '../../workspace/workspace';
import type { CompletionItem, PositionContext } from '../types';
import { entitlementMarkdown, typeLabel } from './key-docs';

/** Escapes text for a snippet (outside placeholders). */
const snippetText = (s: string) => s.replace(/[\\$}]/g, (c) => '\\' + c);
/** A choice placeholder's option may not hold `,` `|` `\`. */
const choiceSafe = (s: string) => !/[,|\\$}]/.test(s);

function dextIds(workspace: Workspace): string[] {
  return [...workspaceDextIds(workspace).ids].sort();
}

/** The value skeleton of a key, as a snippet (nested lines indented with tabs: editors adjust them). */
function valueSnippet(info: EntitlementInfo, workspace: Workspace): string {
  switch (info.type) {
    case 'boolean':
      return '<${1|true,false|}/>';
    case 'usb-matches':
      return '<array>\n\t<dict>\n\t\t<key>idVendor</key>\n\t\t${1:<string>*</string>}\n\t</dict>\n</array>';
    case 'pci-matches':
      return '<array>\n\t<dict>\n\t\t<key>IOPCIPrimaryMatch</key>\n\t\t<string>${1:0xFFFFFFFF&amp;0x00000000}</string>\n\t</dict>\n</array>';
    case 'bundle-ids': {
      const ids = dextIds(workspace).filter(choiceSafe).map(escapeXml);
      const first = ids.length > 1 ? `\${1|${ids.join(',')}|}` : `\${1:${snippetText(ids[0] ?? 'com.example.driver')}}`;
      return `<array>\n\t<string>${first}</string>\n</array>`;
    }
  }
}

/** The span a key completion replaces: what the user has typed of `<key>name` before the cursor. */
function typedPrefix(text: string, offset: number): { start: number; end: number } {
  const before = text.slice(Math.max(0, offset - 300), offset);
  const m = /(<key>[^<>]*|<[A-Za-z]*|[^\s<>]*)$/.exec(before)!;
  let end = offset;
  if (m[0].startsWith('<key>') && text.startsWith('</key>', offset)) end += '</key>'.length;
  return { start: offset - m[0].length, end };
}

function keyItems(context: PositionContext, dict: PlistDict, inKey: PlistEntry | undefined): CompletionItem[] {
  const { file, workspace, offset } = context;
  const side = sideOfKind(workspace.kindOf(file));
  if (!side) return [];
  const present = new Set(dict.entries.filter((e) => e !== inKey).map((e) => e.key));
  const out: CompletionItem[] = [];
  const replace = inKey ? { start: inKey.keyInner.start, end: inKey.keyInner.end } : typedPrefix(file.text, offset);
  // A key being typed without its close tag yet (`<key>com.apple.dev|`) gets the rest of the entry.
  const unclosed = inKey !== undefined && !file.text.startsWith('</key>', inKey.keyInner.end);
  for (const info of knownEntitlements()) {
    if (present.has(info.key) || !belongsOn(info, side) || info.forbidden || info.defunct) continue;
    const key = snippetText(escapeXml(info.key));
    out.push({
      label: info.key,
      kind: 'property',
      detail: typeLabel(info.type),
      documentation: entitlementMarkdown(info),
      insertText: !inKey ? `<key>${key}</key>\n${valueSnippet(info, workspace)}` : unclosed ? `${key}</key>\n${valueSnippet(info, workspace)}` : escapeXml(info.key),
      isSnippet: !inKey || unclosed,
      replace,
      filterText: inKey ? info.key : `<key>${info.key}`,
    });
  }
  return out;
}

/** The entry whose value the cursor is at: the key before it with no value yet, or whose value holds it. */
function valueEntryAt(dict: PlistDict, offset: number): PlistEntry | undefined {
  let prev: PlistEntry | undefined;
  for (const e of dict.entries) if (e.keySpan.end <= offset) prev = e;
  if (!prev) return undefined;
  return !prev.value || offset <= prev.value.end ? prev : undefined;
}

function valueItems(context: PositionContext, entry: PlistEntry): CompletionItem[] {
  const { file, workspace, offset } = context;
  const replace = entry.value && entry.value.start <= offset && offset <= entry.value.end && entry.value.kind !== 'array' && entry.value.kind !== 'dict'
    ? { start: entry.value.start, end: entry.value.end }
    : typedPrefix(file.text, offset);
  const info = entitlementInfo(entry.key);
  if (info?.type === 'boolean') {
    return [
      { label: '<true/>', kind: 'value', insertText: '<true/>', replace, sortText: '0' },
      { label: '<false/>', kind: 'value', insertText: '<false/>', replace, sortText: '1' },
    ];
  }
  if (entry.key === 'idVendor') {
    return [
      { label: '<string>*</string>', kind: 'value', detail: 'Development only: any vendor', insertText: '<string>*</string>', replace, sortText: '0' },
      { label: '<integer>…</integer>', kind: 'value', detail: 'The vendor id Apple granted', insertText: '<integer>${1:vendorId}</integer>', isSnippet: true, replace, sortText: '1' },
    ];
  }
  if (info?.type === 'bundle-ids' && !entry.value) {
    return [{ label: '<array>…</array>', kind: 'snippet', detail: 'Dext bundle ids', insertText: valueSnippet(info, workspace), isSnippet: true, replace }];
  }
  return [];
}

/** Dext bundle ids inside userclient-access: as `<string>` items, or as the text of a string. */
function bundleIdItems(context: PositionContext, inString: boolean): CompletionItem[] {
  const { file, workspace, offset } = context;
  const listed = new Set(userclientAccessNodes(file).map((n) => bundleIdOfEntry(n.text.trim())));
  const at = nodeAt(file.plist, offset).node;
  const replace = inString && at && at.kind === 'string' ? { start: at.inner.start, end: at.inner.end } : typedPrefix(file.text, offset);
  return dextIds(workspace)
    .filter((id) => !listed.has(id) || (inString && at?.kind === 'string' && bundleIdOfEntry(at.text.trim()) === id))
    .map((id) => ({
      label: id,
      kind: 'value' as const,
      detail: 'Dext bundle id in this workspace',
      insertText: inString ? escapeXml(id) : `<string>${escapeXml(id)}</string>`,
      replace,
    }));
}

export function entitlementCompletion(context: PositionContext): CompletionItem[] {
  const { file, workspace, offset } = context;
  if (file.plist.binary || !sideOfKind(workspace.kindOf(file))) return [];
  const root = rootDictOf(file);
  if (!root) return [];
  const at = nodeAt(file.plist, offset);
  const [top] = at.path;
  if (top === USERCLIENT_ACCESS && !at.inKey && (at.node?.kind === 'array' || at.node?.kind === 'string')) {
    return bundleIdItems(context, at.node.kind === 'string');
  }
  const dict = at.dict;
  if (!dict) return [];
  if (at.inKey && at.entry) return dict === root ? keyItems(context, root, at.entry) : [];
  const valueEntry = valueEntryAt(dict, offset);
  if (valueEntry) return dict === root || (typeof top === 'string' && transportOfKey(top)) ? valueItems(context, valueEntry) : [];
  return dict === root ? keyItems(context, root, undefined) : [];
}
