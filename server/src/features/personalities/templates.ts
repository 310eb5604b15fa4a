// "Add personality": one code action per template of schemas/personality-templates.jsonc, filled
// with the dext's own classes (driverkit.md §3, §7), inserted as the last personality (or as a new
// IOKitPersonalities dict) at the file's indentation.
import { getEntry } from '../../plist';
import { personalityTemplates as templates, type PersonalityTemplate as Template } from '../../knowledge/personality-templates';
import { insertEntryEdit } from '../../plist/edits';
import { plistFragment, type PlistValue } from '../../plist/fragment';
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

function personality(template: Template, service: ClassFamily | undefined, userClient: IigClass | undefined): Record<string, PlistValue> {
  const family = service?.family && !isGenericFamily(service.family) ? service.family : undefined;
  const ioClass = family?.ioClass ?? template.ioClass;
  // A family row without a documented kext (the SCSI peripheral rows) gets none.
  const kernelBundle = family ? family.kernelBundle : (template.kernelBundle ?? 'com.apple.kpi.iokit');
  return {
    CFBundleIdentifier: '$(PRODUCT_BUNDLE_IDENTIFIER)',
    ...(kernelBundle ? { CFBundleIdentifierKernel: kernelBundle } : {}),
    IOClass: ioClass,
    IOProviderClass: template.provider,
    IOUserClass: service?.cls.name ?? PLACEHOLDER_CLASS,
    IOUserServerName: '$(PRODUCT_BUNDLE_IDENTIFIER)',
    ...Object.fromEntries(template.keys),
    ...(userClient ? { UserClientProperties: { IOClass: 'IOUserUserClient', IOUserClass: userClient.name } } : {}),
  };
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
    const value = personality(template, service, userClient);
    const edit = list
      ? insertEntryEdit(file, list, name, plistFragment(value))
      : insertEntryEdit(file, root, 'IOKitPersonalities', plistFragment({ [name]: value }));
    return { title: `Add personality: ${template.title} (${service?.cls.name ?? PLACEHOLDER_CLASS})`, kind: 'refactor', edits: { [file.uri]: [edit] } };
  });
}
