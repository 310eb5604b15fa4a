// The facts of an Xcode project that the checks need: its targets, their product types and their
// build settings per configuration (project-level settings inherited), with $(VAR) resolution.
import { parseOpenStep, type OpenStepDict, type OpenStepValue } from './openstep';
import { resolveBuildSetting } from './variables';

export type BuildSettings = Record<string, string | string[]>;

export interface XcodeConfiguration {
  name: string;
  /** Project-level settings overlaid with the target's own. */
  settings: BuildSettings;
}

export interface XcodeTarget {
  name: string;
  productType: string;
  configurations: XcodeConfiguration[];
  /** Names of the targets this one depends on (through PBXTargetDependency). */
  dependencies: string[];
}

export interface XcodeProject {
  /** Path of the `.xcodeproj` folder's parent: `$(SRCROOT)`. */
  srcRoot: string;
  projectName: string;
  targets: XcodeTarget[];
  errors: { offset: number; message: string }[];
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

function readSettings(dict: OpenStepDict | undefined): BuildSettings {
  const out: BuildSettings = {};
  for (const [key, value] of Object.entries(dict ?? {})) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** `pbxprojPath` is `/…/Foo.xcodeproj/project.pbxproj`. */
export function parseXcodeProject(text: string, pbxprojPath: string): XcodeProject {
  const { value, errors } = parseOpenStep(text);
  const xcodeproj = pbxprojPath.slice(0, pbxprojPath.lastIndexOf('/'));
  const srcRoot = xcodeproj.slice(0, xcodeproj.lastIndexOf('/')) || '/';
  const projectName = xcodeproj.slice(xcodeproj.lastIndexOf('/') + 1).replace(/\.xcodeproj$/, '');
  const objects = asDict(asDict(value)?.objects) ?? {};
  const object = (id: OpenStepValue | undefined): OpenStepDict | undefined => {
    const key = asString(id);
    return key === undefined ? undefined : asDict(objects[key]);
  };
  const configurationsOf = (listId: OpenStepValue | undefined): { name: string; settings: BuildSettings }[] =>
    asArray(object(listId)?.buildConfigurations)
      .map(object)
      .filter((c): c is OpenStepDict => !!c)
      .map((c) => ({ name: asString(c.name) ?? 'Default', settings: readSettings(asDict(c.buildSettings)) }));

  const root = object(asDict(value)?.rootObject);
  const projectConfigurations = configurationsOf(root?.buildConfigurationList);
  const targets: XcodeTarget[] = [];
  for (const targetId of asArray(root?.targets)) {
    const target = object(targetId);
    if (!target) continue;
    const name = asString(target.name) ?? asString(target.productName) ?? '';
    const own = configurationsOf(target.buildConfigurationList);
    const configurations = own.map((c) => {
      const projectLevel = projectConfigurations.find((p) => p.name === c.name)?.settings ?? {};
      return { name: c.name, settings: { ...projectLevel, ...c.settings } };
    });
    const dependencies = asArray(target.dependencies)
      .map((d) => object(object(d)?.target)?.name ?? asString(object(d)?.name))
      .filter((d): d is string => typeof d === 'string');
    targets.push({ name, productType: asString(target.productType) ?? '', configurations, dependencies });
  }
  return { srcRoot, projectName, targets, errors };
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
