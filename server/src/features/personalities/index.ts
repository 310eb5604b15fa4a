// Editor features of the dext Info.plist: hover on personality keys and on IOProviderClass /
// IOClass / IOUserClass values, completion of keys and class names, go to definition from
// IOUserClass to its .iig, an outline of the personalities, and "Add personality" templates.
import { getEntry, nodeAt } from '../../plist';
import type { PlistDict } from '../../plist/types';
import { families, chainOf } from '../../rules/util/families';
import { escapeXml, insertEntryEdit } from '../../rules/util/plist-edits';
import { personalities, personalitySchema, infoRoot } from '../../rules/util/personalities';
import { getClassModel, type IigClass } from '../../workspace/classes';
import type { WorkspaceFile } from '../../workspace/files';
import type { Workspace } from '../../workspace/workspace';
import type { CodeAction, CompletionItem, DocumentSymbol, FeatureContribution } from '../types';

const PROVIDERS: Record<string, string> = {
  IOUSBHostDevice: 'a whole USB device (match with idVendor + idProduct, or device class triples)',
  IOUSBHostInterface: 'one interface of a USB device (idVendor + idProduct + bInterfaceNumber + bConfigurationValue, or interface class keys)',
  IOPCIDevice: 'a PCI/PCIe function (IOPCIMatch / IOPCIPrimaryMatch strings); needs transport.pci',
  IOHIDInterface: 'a HID interface (PrimaryUsagePage/PrimaryUsage, VendorID/ProductID); needs transport.hid',
  IOUserResources: 'the DriverKit resources nub: drivers without hardware (needs IOMatchCategory)',
  IOResources: 'the resources nub (needs IOMatchCategory)',
};

function dextClasses(workspace: Workspace, file: WorkspaceFile): IigClass[] {
  const dext = workspace.dextOf(file);
  return dext ? getClassModel(workspace).classesOf(dext) : [];
}

function classHover(workspace: Workspace, file: WorkspaceFile, name: string): string | undefined {
  const classes = dextClasses(workspace, file);
  const cls = classes.find((c) => c.name === name);
  if (!cls) return undefined;
  const chain = chainOf(cls, classes).map((c) => c.name);
  const base = chainOf(cls, classes).pop()?.superclass;
  const family = base ? families().find((f) => f.superclass === base) : undefined;
  return [
    `**${name}** — declared in \`${cls.file.path.slice(cls.file.path.lastIndexOf('/') + 1)}\` (line ${cls.file.document.positionAt(cls.nameStart).line + 1})`,
    `Superclass chain: ${[...chain, base].filter(Boolean).join(' → ')}`,
    family ? `Family: ${family.superclass} → kernel class \`${family.ioClass}\`${family.entitlements.length ? `, entitlement ${family.entitlements.map((e) => `\`${e}\``).join(', ')}` : ''}.` : '',
  ].filter(Boolean).join('\n\n');
}

function personalityTemplate(kind: string, userClass: string): string {
  const common = (ioClass: string, provider: string) =>
    `<dict>\n    <key>CFBundleIdentifier</key>\n    <string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n    <key>IOClass</key>\n    <string>${ioClass}</string>\n    <key>IOProviderClass</key>\n    <string>${provider}</string>\n    <key>IOUserClass</key>\n    <string>${escapeXml(userClass)}</string>\n    <key>IOUserServerName</key>\n    <string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n`;
  switch (kind) {
    case 'USB interface':
      return common('IOUserService', 'IOUSBHostInterface') + '    <key>CFBundleIdentifierKernel</key>\n    <string>com.apple.kpi.iokit</string>\n    <key>idVendor</key>\n    <integer>0</integer>\n    <key>idProduct</key>\n    <integer>0</integer>\n    <key>bInterfaceNumber</key>\n    <integer>0</integer>\n    <key>bConfigurationValue</key>\n    <integer>1</integer>\n</dict>';
    case 'USB device':
      return common('IOUserService', 'IOUSBHostDevice') + '    <key>CFBundleIdentifierKernel</key>\n    <string>com.apple.kpi.iokit</string>\n    <key>idVendor</key>\n    <integer>0</integer>\n    <key>idProduct</key>\n    <integer>0</integer>\n</dict>';
    case 'PCI':
      return common('IOUserService', 'IOPCIDevice') + '    <key>CFBundleIdentifierKernel</key>\n    <string>com.apple.kpi.iokit</string>\n    <key>IOPCIMatch</key>\n    <string>0x00000000&amp;0x0000FFFF</string>\n    <key>IOPCITunnelCompatible</key>\n    <true/>\n</dict>';
    case 'HID event service':
      return common('AppleUserHIDEventService', 'IOHIDInterface') + '    <key>CFBundleIdentifierKernel</key>\n    <string>com.apple.kpi.iokit</string>\n    <key>PrimaryUsagePage</key>\n    <integer>1</integer>\n    <key>PrimaryUsage</key>\n    <integer>6</integer>\n</dict>';
    default:
      return common('IOUserService', 'IOUserResources') + '    <key>CFBundleIdentifierKernel</key>\n    <string>com.apple.kpi.iokit</string>\n    <key>IOMatchCategory</key>\n    <string>IOUserService</string>\n    <key>IOResourceMatch</key>\n    <string>IOKit</string>\n</dict>';
  }
}

const TEMPLATES = ['USB interface', 'USB device', 'PCI', 'HID event service', 'IOUserResources'];

export const personalityFeatures: FeatureContribution = {
  name: 'personalities',
  appliesTo: ['dext-info-plist'],

  hover({ file, workspace, offset }) {
    const at = nodeAt(file.plist, offset);
    const entry = at.entry;
    if (!entry || at.path[0] !== 'IOKitPersonalities' || at.path.length < 3) return undefined;
    const schema = personalitySchema();
    if (at.inKey) {
      const spec = schema.keys.find((k) => k.key === entry.key);
      if (!spec) return undefined;
      const half = spec.half === 'kernel' ? 'Read by the **kernel** when matching (first half of loading).' : 'Read by the **dext loader** after the kernel matched (second half of loading).';
      return { contents: `**${spec.key}** (\`${spec.type}\`)\n\n${spec.doc ?? `A ${spec.provider?.toUpperCase() ?? ''} matching key.`}\n\n${half}\n\nSource: ${spec.source}`, start: entry.keySpan.start, end: entry.keySpan.end };
    }
    const value = entry.value;
    if (value?.kind !== 'string') return undefined;
    const text = value.text.trim();
    let contents: string | undefined;
    if (entry.key === 'IOProviderClass' && PROVIDERS[text]) contents = `**${text}**: ${PROVIDERS[text]}.`;
    else if (entry.key === 'IOClass') {
      const family = families().find((f) => f.ioClass === text || f.superclass === text);
      if (family) contents = family.ioClass === text
        ? `**${text}** — the kernel class of ${family.superclass === 'IOService' ? 'generic (USB, PCI, virtual) dexts' : `the ${family.superclass} family`}${family.kernelBundle ? `, in \`${family.kernelBundle}\`` : ''}${family.entitlements.length ? `; family entitlement ${family.entitlements.map((e) => `\`${e}\``).join(', ')}` : ''}.`
        : `**${text}** is the DriverKit class name; the kernel class for this family is \`${family.ioClass}\`.`;
    } else if (entry.key === 'IOUserClass') contents = classHover(workspace, file, text);
    return contents ? { contents, start: value.start, end: value.end } : undefined;
  },

  completion({ file, workspace, offset }) {
    const at = nodeAt(file.plist, offset);
    if (at.path[0] !== 'IOKitPersonalities') return [];
    const items: CompletionItem[] = [];
    const inPersonality = at.dict && at.dict.entry?.dict === (getEntry(infoRoot(file)!, 'IOKitPersonalities')?.value as PlistDict | undefined);
    if (at.entry && !at.inKey && at.entry.value?.kind === 'string' && offset >= at.entry.value.inner.start && offset <= at.entry.value.inner.end) {
      const replace = { start: at.entry.value.inner.start, end: at.entry.value.inner.end };
      const values =
        at.entry.key === 'IOProviderClass' ? Object.keys(PROVIDERS)
        : at.entry.key === 'IOClass' ? [...new Set(families().map((f) => f.ioClass).filter((c): c is string => !!c))]
        : at.entry.key === 'IOUserClass' ? dextClasses(workspace, file).map((c) => c.name)
        : [];
      for (const v of values) items.push({ label: v, kind: at.entry.key === 'IOUserClass' ? 'class' : 'value', insertText: v, replace });
      return items;
    }
    if (!inPersonality || !at.dict) return [];
    const present = new Set(at.dict.entries.map((e) => e.key));
    const provider = (getEntry(at.dict, 'IOProviderClass')?.value as { text?: string } | undefined)?.text?.trim();
    const group = provider?.startsWith('IOUSB') ? 'usb' : provider === 'IOPCIDevice' ? 'pci' : provider === 'IOHIDInterface' ? 'hid' : undefined;
    const skeleton: Record<string, string> = { string: '<string>${1}</string>', integer: '<integer>${1:0}</integer>', boolean: '<true/>', dict: '<dict>\n\t${1}\n</dict>', array: '<array>\n\t${1}\n</array>', any: '<string>${1}</string>' };
    for (const spec of personalitySchema().keys) {
      if (present.has(spec.key) || (spec.provider && spec.provider !== group)) continue;
      items.push({ label: spec.key, kind: 'property', detail: `${spec.type} — ${spec.half}`, documentation: spec.doc, insertText: `<key>${spec.key}</key>\n${skeleton[spec.type]}`, isSnippet: true, sortText: spec.provider ? `1${spec.key}` : `0${spec.key}` });
    }
    return items;
  },

  definition({ file, workspace, offset }) {
    const at = nodeAt(file.plist, offset);
    if (at.entry?.key !== 'IOUserClass' || at.entry.value?.kind !== 'string') return [];
    const cls = dextClasses(workspace, file).find((c) => c.name === (at.entry!.value as { text: string }).text.trim());
    return cls ? [{ uri: cls.file.uri, start: cls.nameStart, end: cls.nameEnd }] : [];
  },

  documentSymbols({ file }) {
    const list = infoRoot(file) && getEntry(infoRoot(file)!, 'IOKitPersonalities');
    if (!list || list.value?.kind !== 'dict') return [];
    const children: DocumentSymbol[] = personalities(file).map((p) => ({
      name: p.name,
      detail: [p.provider, p.ioClass, p.userClass].filter(Boolean).join(' · '),
      kind: 'object',
      start: p.entry.start,
      end: p.entry.end,
      selectionStart: p.entry.keySpan.start,
      selectionEnd: p.entry.keySpan.end,
    }));
    return [{ name: 'IOKitPersonalities', kind: 'module', start: list.start, end: list.end, selectionStart: list.keySpan.start, selectionEnd: list.keySpan.end, children }];
  },

  codeActions({ file, workspace }) {
    const root = infoRoot(file);
    const list = root && getEntry(root, 'IOKitPersonalities');
    if (!root || file.plist.binary) return [];
    const userClass = dextClasses(workspace, file).find((c) => !c.superclass?.includes('UserClient'))?.name ?? 'MyDriver';
    const taken = new Set(list?.value?.kind === 'dict' ? list.value.entries.map((e) => e.key) : []);
    return TEMPLATES.map((kind): CodeAction => {
      let name = `${userClass}${kind.replace(/[^A-Za-z]/g, '')}`;
      for (let i = 2; taken.has(name); i++) name = `${userClass}${kind.replace(/[^A-Za-z]/g, '')}${i}`;
      const xml = personalityTemplate(kind, userClass);
      const edit = list?.value?.kind === 'dict' ? insertEntryEdit(file.text, list.value, name, xml) : insertEntryEdit(file.text, root, 'IOKitPersonalities', `<dict>\n    <key>${name}</key>\n    ${xml.replace(/\n/g, '\n    ')}\n</dict>`);
      return { title: `Add personality: ${kind} (${userClass})`, kind: 'refactor', edits: { [file.uri]: [edit] } };
    });
  },
};
