// The facts of an Xcode project that the checks need: its targets, their product types, what their
// app embeds, and their build settings per configuration, layered as Xcode does (settings.ts:
// project and target `.xcconfig` files through baseConfigurationReference, conditional settings,
// $(inherited)), with $(VAR) resolution.
import { parseOpenStep, type OpenStepDict, type OpenStepValue } from './openstep';
import { joinPosix, layerSettings, sdkFamily, splitConditionalKey, type SettingAssignment, type SettingOrigin, type SettingsLevel, type XcconfigReader } from './settings';
import { resolveBuildSetting } from './variables';

export type BuildSettings = Record<string, string | string[]>;

export interface XcodeConfiguration {
  name: string;
  /** Every level applied: built-in values, xcconfig files, project and target settings. */
  settings: BuildSettings;
  /** Where each setting's value is written (absent for built-in values). */
  origins?: Record<string, SettingOrigin>;
  /** An `.xcconfig` of this configuration could not be read: some settings may be missing. */
  incomplete?: boolean;
}

export interface XcodeTarget {
  name: string;
  productType: string;
  configurations: XcodeConfiguration[];
  /** Names of the targets this one depends on (through PBXTargetDependency). */
  dependencies: string[];
  /**
   * Names of the targets whose products a Copy Files phase of this target puts in
   * `$(SYSTEM_EXTENSIONS_FOLDER_PATH)` ("Embed System Extensions"); undefined without such a phase.
   */
  embeddedSystemExtensions?: string[];
}

export interface XcodeProject {
  /** The project file (`…/Foo.xcodeproj/project.pbxproj`). */
  path?: string;
  /** Path of the `.xcodeproj` folder's parent: `$(SRCROOT)`. */
  srcRoot: string;
  projectName: string;
  targets: XcodeTarget[];
  errors: { offset: number; message: string }[];
  /** Xcode would not open it (a parse error or no root object): its targets are not used. */
  damaged?: boolean;
  /** `.xcconfig` files its configurations read (absolute paths). */
  xcconfigs?: string[];
}

/**
 * A project before its settings are layered: what a project reader (project.pbxproj here; an
 * XcodeGen or other reader likewise) produces. `resolveProject` turns it into an XcodeProject.
 */
export interface ProjectFacts {
  path: string;
  srcRoot: string;
  projectName: string;
  targets: TargetFacts[];
  errors: { offset: number; message: string }[];
  damaged: boolean;
}

export interface TargetFacts {
  name: string;
  productType: string;
  /** Each configuration's levels, lowest first: project xcconfig, project, target xcconfig, target. */
  configurations: { name: string; levels: SettingsLevel[] }[];
  dependencies: string[];
  embeddedSystemExtensions?: string[];
}

const DRIVER_PRODUCT_TYPE = 'com.apple.product-type.driver-extension';

function asDict(v: OpenStepValue | undefined): OpenStepDict | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}
function asString(v: OpenStepValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function asArray(v: OpenStepValue | undefined): OpenStepValue[] {
  return Array.isArray(v) ? v : [];
}

/** The project file's facts (no file other than itself is read). `pbxprojPath` is `/…/Foo.xcodeproj/project.pbxproj`. */
export function readPbxproj(text: string, pbxprojPath: string): ProjectFacts {
  const { value, errors, spans } = parseOpenStep(text);
  const xcodeproj = pbxprojPath.slice(0, pbxprojPath.lastIndexOf('/'));
  const srcRoot = xcodeproj.slice(0, xcodeproj.lastIndexOf('/')) || '/';
  const projectName = xcodeproj.slice(xcodeproj.lastIndexOf('/') + 1).replace(/\.xcodeproj$/, '');
  const objects = asDict(asDict(value)?.objects) ?? {};
  const object = (id: OpenStepValue | undefined): OpenStepDict | undefined => {
    const key = asString(id);
    return key === undefined ? undefined : asDict(objects[key]);
  };
  const root = object(asDict(value)?.rootObject);
  const damaged = errors.length > 0 || !root;

  // Where each file reference and group is on disk, through its groups (iterative, cycle-safe).
  const parentOf = new Map<string, string>();
  for (const [id, o] of Object.entries(objects)) {
    const dict = asDict(o);
    for (const child of asArray(dict?.children)) if (typeof child === 'string' && !parentOf.has(child)) parentOf.set(child, id);
  }
  const projectDir = joinPosix(srcRoot, asString(root?.projectDirPath) ?? '');
  const pathCache = new Map<string, string | undefined>();
  const pathOf = (id: string): string | undefined => {
    if (pathCache.has(id)) return pathCache.get(id);
    // Up the groups until a reference that is not relative to its group.
    const chain: string[] = [];
    const seen = new Set<string>();
    let base: string | undefined;
    let current: string | undefined = id;
    while (current !== undefined) {
      if (seen.has(current)) return undefined;
      seen.add(current);
      if (pathCache.has(current)) {
        base = pathCache.get(current);
        break;
      }
      const o = object(current);
      const tree = asString(o?.sourceTree) ?? '<group>';
      chain.push(current);
      if (tree === '<group>') {
        const parent = parentOf.get(current);
        if (parent === undefined) {
          base = projectDir;
          break;
        }
        current = parent;
        continue;
      }
      base = tree === 'SOURCE_ROOT' ? srcRoot : tree === '<absolute>' ? '/' : undefined;
      break;
    }
    // Down again, joining each element's own path.
    for (let k = chain.length - 1; k >= 0; k--) {
      const own = asString(object(chain[k])?.path);
      const resolved = base === undefined ? undefined : own ? joinPosix(base, own) : base;
      if (!pathCache.has(chain[k]!)) pathCache.set(chain[k]!, resolved);
      base = resolved;
    }
    return pathCache.get(id);
  };

  const assignmentsOf = (dict: OpenStepDict | undefined): SettingAssignment[] => {
    const out: SettingAssignment[] = [];
    if (!dict) return out;
    const where = spans.get(dict);
    for (const [key, v] of Object.entries(dict)) {
      const split = splitConditionalKey(key);
      if (!split) continue;
      const value = typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
      if (value === undefined) continue;
      const span = where?.get(key);
      out.push({ ...split, value, origin: span ? { path: pbxprojPath, start: span.start, end: span.end } : undefined });
    }
    return out;
  };
  /** The configuration's xcconfig: baseConfigurationReference, or (Xcode 16) an anchor folder and a relative path. */
  const xcconfigOf = (c: OpenStepDict): SettingsLevel[] => {
    let path: string | undefined;
    const ref = asString(c.baseConfigurationReference);
    if (ref !== undefined) path = pathOf(ref);
    const anchor = asString(c.baseConfigurationReferenceAnchor);
    const relative = asString(c.baseConfigurationReferenceRelativePath);
    if (path === undefined && anchor !== undefined && relative) {
      const folder = pathOf(anchor);
      if (folder !== undefined) path = joinPosix(folder, relative);
    }
    if (ref === undefined && anchor === undefined) return [];
    // A reference we cannot place (a build-products path): its settings are unknown.
    return [{ kind: 'xcconfig', path: path ?? '' }];
  };
  const configurationsOf = (listId: OpenStepValue | undefined) =>
    asArray(object(listId)?.buildConfigurations)
      .map(object)
      .filter((c): c is OpenStepDict => !!c)
      .map((c) => ({ name: asString(c.name) ?? 'Default', levels: [...xcconfigOf(c), { kind: 'settings' as const, assignments: assignmentsOf(asDict(c.buildSettings)) }] }));

  const projectConfigurations = configurationsOf(root?.buildConfigurationList);
  const targetIds = asArray(root?.targets).filter((t): t is string => typeof t === 'string');
  const targetByProduct = new Map<string, string>();
  for (const id of targetIds) {
    const product = asString(object(id)?.productReference);
    const name = asString(object(id)?.name);
    if (product && name) targetByProduct.set(product, name);
  }
  const targets: TargetFacts[] = [];
  for (const targetId of targetIds) {
    const target = object(targetId);
    if (!target) continue;
    const name = asString(target.name) ?? asString(target.productName) ?? '';
    const configurations = configurationsOf(target.buildConfigurationList).map((c) => {
      const projectLevels = projectConfigurations.find((p) => p.name === c.name)?.levels ?? [];
      return { name: c.name, levels: [...projectLevels, ...c.levels] };
    });
    const dependencies = asArray(target.dependencies)
      .map((d) => object(object(d)?.target)?.name ?? asString(object(d)?.name))
      .filter((d): d is string => typeof d === 'string');
    let embeddedSystemExtensions: string[] | undefined;
    for (const phase of asArray(target.buildPhases).map(object)) {
      if (!phase || asString(phase.isa) !== 'PBXCopyFilesBuildPhase' || !copiesToSystemExtensions(phase)) continue;
      embeddedSystemExtensions ??= [];
      for (const buildFile of asArray(phase.files).map(object)) {
        const embedded = targetByProduct.get(asString(buildFile?.fileRef) ?? '');
        if (embedded) embeddedSystemExtensions.push(embedded);
      }
    }
    targets.push({ name, productType: asString(target.productType) ?? '', configurations, dependencies, ...(embeddedSystemExtensions ? { embeddedSystemExtensions } : {}) });
  }
  return { path: pbxprojPath, srcRoot, projectName, targets, errors, damaged };
}

/**
 * A Copy Files phase into the app's `Contents/Library/SystemExtensions`: Xcode writes it with
 * `dstSubfolderSpec = 16` (products directory) and `dstPath = "$(SYSTEM_EXTENSIONS_FOLDER_PATH)"`;
 * by hand it is also written with `dstSubfolderSpec = 1` (wrapper) and the literal folder.
 */
function copiesToSystemExtensions(phase: OpenStepDict): boolean {
  const spec = asString(phase.dstSubfolderSpec);
  const dst = (asString(phase.dstPath) ?? '').trim().replace(/\/+$/, '');
  if (spec !== '16' && spec !== '1') return false;
  return /\$[({]SYSTEM_EXTENSIONS_FOLDER_PATH[)}]/.test(dst) || /(^|\/)Library\/SystemExtensions$/.test(dst);
}

/** Layers each target's settings (reading `.xcconfig` files through `read`). */
export function resolveProject(facts: ProjectFacts, read: XcconfigReader): XcodeProject {
  const xcconfigs = new Set<string>();
  const targets: XcodeTarget[] = facts.targets.map((t) => {
    const configurations = t.configurations.map((c): XcodeConfiguration => {
      const defaults: BuildSettings = {
        SRCROOT: facts.srcRoot,
        PROJECT_DIR: facts.srcRoot,
        SOURCE_ROOT: facts.srcRoot,
        PROJECT_NAME: facts.projectName,
        TARGET_NAME: t.name,
        PRODUCT_NAME: '$(TARGET_NAME)',
        CONFIGURATION: c.name,
      };
      // The SDK decides [sdk=…] conditions: SDKROOT without them first, else the product type's.
      const first = layerSettings(c.levels, { configuration: c.name }, read, defaults);
      const sdk = sdkFamily(resolveBuildSetting('SDKROOT', first.settings)) ?? (t.productType === DRIVER_PRODUCT_TYPE ? 'driverkit' : t.productType === 'com.apple.product-type.application' ? 'macosx' : undefined);
      const layered = layerSettings(c.levels, { configuration: c.name, sdk }, read, defaults);
      for (const f of layered.filesRead) xcconfigs.add(f);
      return { name: c.name, settings: layered.settings, origins: layered.origins, ...(layered.incomplete ? { incomplete: true } : {}) };
    });
    return { name: t.name, productType: t.productType, configurations, dependencies: t.dependencies, ...(t.embeddedSystemExtensions ? { embeddedSystemExtensions: t.embeddedSystemExtensions } : {}) };
  });
  xcconfigs.delete('');
  return { path: facts.path, srcRoot: facts.srcRoot, projectName: facts.projectName, targets, errors: facts.errors, damaged: facts.damaged, xcconfigs: [...xcconfigs] };
}

/** Reads a project file; `read` supplies its `.xcconfig` files (none by default). */
export function parseXcodeProject(text: string, pbxprojPath: string, read: XcconfigReader = () => undefined): XcodeProject {
  return resolveProject(readPbxproj(text, pbxprojPath), read);
}

export function isDriverTarget(project: XcodeProject, target: XcodeTarget): boolean {
  if (target.productType === DRIVER_PRODUCT_TYPE) return true;
  return target.configurations.some((c) => settingOf(project, target, c, 'SDKROOT') === 'driverkit');
}

export function isApplicationTarget(target: XcodeTarget): boolean {
  return target.productType === 'com.apple.product-type.application';
}

// Rules resolve the same settings and values on every keystroke (and once per personality in a
// large Info.plist): results are memoized per parsed target. A changed project file parses into
// new target objects, so stale entries are never read and go away with the old parse.
const builtinCache = new WeakMap<XcodeConfiguration, BuildSettings>();
const settingValuesCache = new WeakMap<XcodeTarget, Map<string, string[]>>();
const resolvedCache = new WeakMap<XcodeTarget, Map<string, string | undefined>>();

function memoized<V>(cache: WeakMap<XcodeTarget, Map<string, V>>, target: XcodeTarget, key: string, compute: () => V): V {
  let byKey = cache.get(target);
  if (!byKey) cache.set(target, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key)!;
  const value = compute();
  byKey.set(key, value);
  return value;
}

/** A setting with every variable resolved, or undefined when it is absent or cannot be resolved. */
export function settingOf(
  project: XcodeProject,
  target: XcodeTarget,
  configuration: XcodeConfiguration,
  name: string,
): string | undefined {
  return resolveBuildSetting(name, builtinSettings(project, target, configuration));
}

function builtinSettings(project: XcodeProject, target: XcodeTarget, configuration: XcodeConfiguration): BuildSettings {
  // A configuration object belongs to one target of one parsed project.
  let settings = builtinCache.get(configuration);
  if (!settings) {
    settings = {
      SRCROOT: project.srcRoot,
      PROJECT_DIR: project.srcRoot,
      SOURCE_ROOT: project.srcRoot,
      PROJECT_NAME: project.projectName,
      TARGET_NAME: target.name,
      PRODUCT_NAME: '$(TARGET_NAME)',
      CONFIGURATION: configuration.name,
      ...configuration.settings,
    };
    builtinCache.set(configuration, settings);
  }
  return settings;
}

/**
 * The value of `name` across the target's configurations: one value when all configurations that
 * resolve it agree, every distinct value otherwise (Debug and Release can differ).
 */
export function settingValues(project: XcodeProject, target: XcodeTarget, name: string): string[] {
  const values = memoized(settingValuesCache, target, name, () => {
    const distinct = new Set<string>();
    for (const c of target.configurations) {
      const v = settingOf(project, target, c, name);
      if (v !== undefined && v !== '') distinct.add(v);
    }
    return [...distinct];
  });
  return values.slice();
}

/** Resolves `$(VAR)` in an arbitrary string (e.g. an Info.plist value) against a target's settings. */
export function resolveInTarget(
  project: XcodeProject,
  target: XcodeTarget,
  text: string,
): string | undefined {
  return memoized(resolvedCache, target, text, () => {
    const results = new Set<string>();
    for (const c of target.configurations.length ? target.configurations : [{ name: 'Debug', settings: {} }]) {
      const v = resolveBuildSetting('__VALUE__', { ...builtinSettings(project, target, c), __VALUE__: text });
      if (v === undefined) return undefined;
      results.add(v);
    }
    // Configurations that disagree give no single answer: stay silent rather than guess.
    return results.size === 1 ? [...results][0] : undefined;
  });
}
