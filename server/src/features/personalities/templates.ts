// "Add personality": one code action per template of schemas/personality-templates.jsonc, filled
// with the dext's own classes (driverkit.md §3, §7), inserted as the last personality (or as a new
// IOKitPersonalities dict) at the file's indentation.
import { getEntry } from '../../plist';
import { personalityTemplates as templates, type PersonalityTemplate as Template } from '../../knowledge/personality-templates';
import { escapeXml, insertEntryEdit } from '../../plist/edits';
import { infoRoot, personalitiesDict } from '../../dext/personalities';
import { classFamily, dextClassesOf, type ClassFamily } from '../../dext/personality-families';
import { isGenericFamily } from '../../knowledge/families';
import type { IigClass } from '../../workspace/classes';
import type { CodeAction, CodeActionContext } from '../types';


/** Placeholder when the dext declares no class yet (user-class-unknown stays silent without .iig files). */
const PLACEHOLDER_CLASS = 'MyDriver';

const isUserClient = (found: ClassFamily | undefined) => !!found?.chain.some((name) => name === 'IOUserClient');

/**
 * The dext's service class that fits a template best: a family class whose family lists the
 * provider, else a generic one (IOService), else any.
 */
function classFor(template: Template, services: ClassFamily[]): ClassFamily | undefined {
  const generic = (c: ClassFamily) => !c.family || isGenericFamily(c.family);
  return services.find((c) => !generic(c) && c.family!.providers.includes(template.provider)) ?? services.find(generic) ?? services[0];
}

function personalityXml(template: Template, service: ClassFamily | undefined, userClient: IigClass | undefined): string {
  const family = service?.family && !isGenericFamily(service.family) ? service.family : undefined;
  const ioClass = family?.ioClass ?? template.ioClass;
  // A family row without a documented kext (the SCSI peripheral rows) gets none.
  const kernelBundle = family ? family.kernelBundle : (template.kernelBundle ?? 'com.apple.kpi.iokit');
  const entries: [string, string][] = [
    ['CFBundleIdentifier', '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>'],
    ...(kernelBundle ? [['CFBundleIdentifierKernel', `<string>${kernelBundle}</string>`] as [string, string]] : []),
    ['IOClass', `<string>${escapeXml(ioClass)}</string>`],
    ['IOProviderClass', `<string>${template.provider}</string>`],
    ['IOUserClass', `<string>${escapeXml(service?.cls.name ?? PLACEHOLDER_CLASS)}</string>`],
    ['IOUserServerName', '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>'],
    ...template.keys,
  ];
  if (userClient) {
    entries.push(['UserClientProperties', `<dict>\n    <key>IOClass</key>\n    <string>IOUserUserClient</string>\n    <key>IOUserClass</key>\n    <string>${escapeXml(userClient.name)}</string>\n</dict>`]);
  }
  return `<dict>\n${entries.map(([k, v]) => `    <key>${k}</key>\n    ${v.replace(/\n/g, '\n    ')}`).join('\n')}\n</dict>`;
}

/** Offered on the IOKitPersonalities entry (or anywhere when the file has none), not on every line. */
function offeredAt(context: CodeActionContext): boolean {
  const entry = getEntry(infoRoot(context.file), 'IOKitPersonalities');
  return !entry || (context.start <= entry.end && context.end >= entry.start);
}

export function addPersonalityActions(context: CodeActionContext): CodeAction[] {
  const { file, workspace } = context;
  const root = infoRoot(file);
  if (!root || file.plist.binary || !offeredAt(context)) return [];
  const classes = dextClassesOf(workspace, file);
  const found = classes.map((c) => classFamily(classes, c.name));
  const services = found.filter((c): c is ClassFamily => !!c && !isUserClient(c));
  const userClient = found.find(isUserClient)?.cls;
  const list = personalitiesDict(file);
  // IOKitPersonalities that is not a dict: the plist rules report it; adding a second one would hide it.
  if (!list && getEntry(root, 'IOKitPersonalities')) return [];
  const taken = new Set(list?.entries.map((e) => e.key) ?? []);
  return templates().map((template): CodeAction => {
    const service = classFor(template, services);
    const base = `${service?.cls.name ?? PLACEHOLDER_CLASS}${template.suffix}`;
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    const xml = personalityXml(template, service, userClient);
    const edit = list
      ? insertEntryEdit(file, list, name, xml)
      : insertEntryEdit(file, root, 'IOKitPersonalities', `<dict>\n    <key>${escapeXml(name)}</key>\n    ${xml.replace(/\n/g, '\n    ')}\n</dict>`);
    return { title: `Add personality: ${template.title} (${service?.cls.name ?? PLACEHOLDER_CLASS})`, kind: 'refactor', edits: { [file.uri]: [edit] } };
  });
}
