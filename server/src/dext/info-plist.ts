// A product's built Info.plist, key by key, the way Xcode makes it: the keys of its INFOPLIST_FILE,
// and, with GENERATE_INFOPLIST_FILE = YES, one key per `INFOPLIST_KEY_<Key>` build setting
// (Xcode build settings reference, "Generate Info.plist File" and "Info.plist Keys"). When both
// give a key, which one Xcode keeps is not documented (swiftlang/swift-build#369 asks for a
// warning because one silently overwrites the other): a key given twice with different values
// has no single value here, and the checks that compare values stay silent.
import { getEntry } from '../plist/values';
import type { PlistEntry } from '../plist/types';
import { settingOf, type XcodeConfiguration } from '../pbxproj/project';
import type { SettingOrigin } from '../pbxproj/settings';
import type { Product } from '../workspace/model';
import type { WorkspaceFile } from '../workspace/files';

export type InfoPlistSource =
  | { from: 'file'; file: WorkspaceFile; entry: PlistEntry; value: string | undefined }
  /**
   * An XcodeGen target's `info.properties`: XcodeGen writes them into the Info.plist file at
   * `info.path` when it generates the project (the file on disk may be older, or absent).
   */
  | { from: 'spec'; value: string | undefined; origin: SettingOrigin }
  | {
      from: 'setting';
      /** `INFOPLIST_KEY_<Key>`. */
      setting: string;
      /** The configurations where this assignment gives the key. */
      configurations: string[];
      /** The resolved value; undefined when a variable stays unresolved. */
      value: string | undefined;
      /** Where the setting is written (a project file or an `.xcconfig`). */
      origin?: SettingOrigin;
    };

export interface InfoPlistKey {
  key: string;
  sources: InfoPlistSource[];
  /** The built Info.plist has the key in every configuration (file, or a non-empty setting). */
  presentEverywhere: boolean;
  /** Configurations whose built Info.plist lacks the key (empty when it is everywhere). */
  missingIn: string[];
  /** The one string value every source agrees on; undefined when absent, unresolved or conflicting. */
  value: string | undefined;
  /** A configuration's settings could not all be read (an `.xcconfig` missing): absence is not known. */
  uncertain: boolean;
}

/** Whether the configuration generates the Info.plist from build settings. */
export function generatesInfoPlist(product: Product, configuration: XcodeConfiguration): boolean {
  if (!product.project || !product.target) return false;
  return settingOf(product.project, product.target, configuration, 'GENERATE_INFOPLIST_FILE')?.trim().toUpperCase() === 'YES';
}

/** A build setting's value as the generated Info.plist gets it (outer quotes of an xcconfig removed). */
function plistValueOf(text: string): string {
  const t = text.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/** The key of the product's built Info.plist, with where each value comes from. */
export function infoPlistKey(product: Product, key: string, file: WorkspaceFile | undefined = product.infoPlist): InfoPlistKey {
  const sources: InfoPlistSource[] = [];
  const root = file?.plist.root;
  let entry: PlistEntry | undefined = root?.kind === 'dict' ? getEntry(root, key) : undefined;
  // XcodeGen writes `info.properties` into the file it names, replacing what the file had.
  const info = product.xcodegen?.spec.info;
  const written = info?.properties?.entries.get(key);
  if (written && (!file || file.path === info!.path.absolute)) {
    const v = written.value;
    sources.push({ from: 'spec', value: v.kind === 'scalar' && v.type === 'string' ? v.text.trim() : undefined, origin: { path: v.span.file, start: v.span.start, end: v.span.end } });
    entry = undefined;
  } else if (file && entry) sources.push({ from: 'file', file, entry, value: entry.value?.kind === 'string' ? entry.value.text.trim() : undefined });
  const fromSpec = sources.length > 0 && sources[0]!.from === 'spec';
  const missingIn: string[] = [];
  let uncertain = false;
  const setting = `INFOPLIST_KEY_${key}`;
  const configurations = product.project && product.target ? product.target.configurations : [];
  for (const c of configurations) {
    uncertain ||= !!c.incomplete;
    const generated = generatesInfoPlist(product, c) && c.settings[setting] !== undefined;
    const resolved = generated ? settingOf(product.project!, product.target!, c, setting) : undefined;
    const value = resolved === undefined ? undefined : plistValueOf(resolved);
    if (generated) {
      const origin = c.origins?.[setting];
      const same = sources.find((s) => s.from === 'setting' && s.value === value && s.origin?.path === origin?.path && s.origin?.start === origin?.start);
      if (same && same.from === 'setting') same.configurations.push(c.name);
      else sources.push({ from: 'setting', setting, configurations: [c.name], value, ...(origin ? { origin } : {}) });
    }
    // An empty setting gives no key; an unresolved one may.
    const fromSetting = generated && (value === undefined || value !== '');
    if (!entry && !fromSpec && !fromSetting) missingIn.push(c.name);
  }
  const presentEverywhere = entry !== undefined || fromSpec || (configurations.length > 0 && missingIn.length === 0);
  if (entry || fromSpec) missingIn.length = 0;
  const values = new Set(sources.map((s) => s.value));
  const value = values.size === 1 ? [...values][0] : undefined;
  return { key, sources, presentEverywhere, missingIn: presentEverywhere ? [] : configurations.length ? missingIn : [], value, uncertain };
}
