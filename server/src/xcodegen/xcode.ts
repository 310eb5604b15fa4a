// The Xcode project XcodeGen would generate from a spec, as the facts the product model reads
// from a `project.pbxproj` (`XcodeProject`): targets with product types, build settings per
// configuration with XcodeGen's defaults, target dependencies; plus what only the spec says well:
// where each setting was written, the xcconfig files per configuration, and which app embeds which
// dext or system extension.
import type { BuildSettings, XcodeConfiguration, XcodeProject, XcodeTarget } from '../pbxproj/project';
import { lastComponent } from './paths';
import { productExtensionOf, type DependencySpec, type SettingsSpec, type SpecPath, type XcodeGenConfig, type XcodeGenProject, type XcodeGenTarget } from './model';
import type { SpecProblem, YamlSpan } from './yaml';

/** Why a generated setting has its value, and where in the spec that was decided. */
export interface SettingOrigin {
  /**
   * `spec`: written in `settings`; `platform`: XcodeGen's platform preset (SDKROOT, …);
   * `deploymentTarget`, `bundleIdPrefix`, `info`, `entitlements`, `sources`: derived from that
   * property (for `sources`, the Info.plist XcodeGen found among them).
   */
  kind: 'spec' | 'platform' | 'deploymentTarget' | 'bundleIdPrefix' | 'info' | 'entitlements' | 'sources';
  /** The value's text in the spec, or the property it was derived from; none for platform presets. */
  span?: YamlSpan;
  /** The setting's key in the spec (kind `spec` only). */
  keySpan?: YamlSpan;
}

export interface XcodeGenConfigurationFacts {
  name: string;
  /** The xcconfig files of this configuration: the project's (`configFiles`) and the target's. */
  projectConfigFile?: SpecPath;
  targetConfigFile?: SpecPath;
  /** Where every setting of the matching `XcodeConfiguration.settings` comes from. */
  origins: Map<string, SettingOrigin>;
  /**
   * The two levels XcodeGen writes into the generated project, before Xcode layers them with the
   * xcconfig files (project xcconfig < `project` < target xcconfig < `target`): the project's
   * build settings and the target's. `XcodeConfiguration.settings` is `{ ...project, ...target }`.
   */
  levels: { project: GeneratedLevel; target: GeneratedLevel };
}

/** The build settings XcodeGen writes at one level, with where each was decided. */
export interface GeneratedLevel {
  settings: BuildSettings;
  origins: ReadonlyMap<string, SettingOrigin>;
}

/** Where XcodeGen's generated project copies an embedded product. */
export type EmbedDestination =
  | 'system-extensions'
  | 'app-extensions'
  | 'extensionkit-extensions'
  | 'app-clips'
  | 'frameworks'
  | 'watch-content'
  | 'xpc-services'
  | 'resources'
  /** `copy:` on the dependency: a Copy Files phase of the spec's choosing. */
  | 'custom';

export interface EmbeddedTarget {
  /** The embedded target's name. */
  name: string;
  /** The dependency's `target:` value in the spec. */
  span: YamlSpan;
  /** True when the spec says `embed: true`; false when embedding is XcodeGen's default. */
  explicit: boolean;
  destination: EmbedDestination;
  copy?: DependencySpec['copy'];
  /** Code Sign On Copy: `codeSign`, else XcodeGen's default (off for executables such as dexts). */
  codeSignOnCopy: boolean;
}

export interface XcodeGenTargetFacts {
  /** The `XcodeProject` view of this target (same object as in `project.targets`). */
  target: XcodeTarget;
  spec: XcodeGenTarget;
  /** Parallel to `target.configurations`. */
  configurations: XcodeGenConfigurationFacts[];
  /** The targets this one embeds (a host app's dexts and system extensions among them). */
  embeds: EmbeddedTarget[];
}

export interface XcodeGenXcodeProject {
  /** The facts the product model reads from a `project.pbxproj`; `errors` is empty (see `problems`). */
  project: XcodeProject;
  /** Parallel to `project.targets`. */
  targets: XcodeGenTargetFacts[];
  /** The spec's problems and those found while mapping (unknown dependency targets, setting groups). */
  problems: SpecProblem[];
}

export interface XcodeMappingOptions {
  /**
   * The names of the settings an xcconfig file sets (its own `#include`s followed), or undefined
   * when it cannot be read. XcodeGen lets those win over its presets and does not derive
   * PRODUCT_BUNDLE_IDENTIFIER from `bundleIdPrefix` when one of them sets it.
   */
  configFileSettings?: (absolutePath: string) => ReadonlySet<string> | undefined;
  /**
   * The first `Info.plist` XcodeGen's search finds at or below a source (absolute path in, absolute
   * path out), for targets where neither INFOPLIST_FILE nor `info` names one. Without it, only a
   * source that is itself a file named `Info.plist` is found.
   */
  findInfoPlist?: (absoluteSourcePath: string) => string | undefined;
}

const SDK_ROOTS: Record<string, string> = { auto: 'auto', iOS: 'iphoneos', tvOS: 'appletvos', macOS: 'macosx', watchOS: 'watchos', visionOS: 'xros' };
const DEPLOYMENT_SETTINGS: Record<string, string> = {
  iOS: 'IPHONEOS_DEPLOYMENT_TARGET',
  tvOS: 'TVOS_DEPLOYMENT_TARGET',
  watchOS: 'WATCHOS_DEPLOYMENT_TARGET',
  macOS: 'MACOSX_DEPLOYMENT_TARGET',
  visionOS: 'XROS_DEPLOYMENT_TARGET',
};

/**
 * XcodeGen's platform presets (SettingPresets/Platforms), applied to every target unless
 * `settingPresets` is `none` or `project`. The other presets (Xcode's template settings per
 * configuration and product type) set nothing the checks read and are not reproduced.
 */
const PLATFORM_PRESETS: Record<string, BuildSettings> = {
  iOS: { LD_RUNPATH_SEARCH_PATHS: ['$(inherited)', '@executable_path/Frameworks'], SDKROOT: 'iphoneos', TARGETED_DEVICE_FAMILY: '1,2' },
  macOS: { LD_RUNPATH_SEARCH_PATHS: ['$(inherited)', '@executable_path/../Frameworks'], SDKROOT: 'macosx', COMBINE_HIDPI_IMAGES: 'YES' },
  tvOS: { LD_RUNPATH_SEARCH_PATHS: ['$(inherited)', '@executable_path/Frameworks'], SDKROOT: 'appletvos', TARGETED_DEVICE_FAMILY: '3' },
  visionOS: { LD_RUNPATH_SEARCH_PATHS: ['$(inherited)', '@executable_path/Frameworks'], SDKROOT: 'xros', TARGETED_DEVICE_FAMILY: '7' },
  watchOS: { SDKROOT: 'watchos', SKIP_INSTALL: 'YES', TARGETED_DEVICE_FAMILY: '4' },
};

const MAX_GROUP_USES = 100_000;

/** Settings with where each came from, built in XcodeGen's order (later wins). */
class SettingsLayer {
  readonly values: BuildSettings = {};
  readonly origins = new Map<string, SettingOrigin>();
  set(name: string, value: string | string[], origin: SettingOrigin): void {
    this.values[name] = value;
    this.origins.set(name, origin);
  }
  remove(names: ReadonlySet<string> | undefined): void {
    for (const name of names ?? []) {
      delete this.values[name];
      this.origins.delete(name);
    }
  }
  has(name: string): boolean {
    return name in this.values;
  }
}

/** XcodeGen's bundle id default: the prefix, a dot, and the target name with `_` as `-` and only [A-Za-z0-9.-] kept. */
export function defaultBundleId(prefix: string, targetName: string): string {
  return `${prefix}.${targetName.replace(/_/g, '-').replace(/[^\p{L}\p{M}\p{N}.-]/gu, '')}`;
}

export function embedDestinationOf(dependency: XcodeGenTarget): EmbedDestination {
  const ext = productExtensionOf(dependency.productType);
  if (ext === 'appex') return dependency.productType.endsWith('.extensionkit-extension') ? 'extensionkit-extensions' : 'app-extensions';
  if (ext === 'dext' || ext === 'systemextension') return 'system-extensions';
  if (dependency.productType.endsWith('.application.on-demand-install-capable')) return 'app-clips';
  if (ext === 'framework') return 'frameworks';
  if (ext === 'app' && dependency.platform?.value === 'watchOS') return 'watch-content';
  if (ext === 'xpc') return 'xpc-services';
  return 'resources';
}

function isStaticallyLinked(target: XcodeGenTarget): boolean {
  if (target.productType.endsWith('.library.static') || target.productType.endsWith('.framework.static')) return true;
  return target.productType.endsWith('.framework') && target.settings.base.get('MACH_O_TYPE')?.value === 'staticlib';
}

/** XcodeGen's default for `embed` on a target dependency. */
export function embedsByDefault(target: XcodeGenTarget, dependency: XcodeGenTarget): boolean {
  if (isStaticallyLinked(dependency)) return false;
  const ext = productExtensionOf(target.productType);
  if (ext === 'app') return true;
  const dependencyExt = productExtensionOf(dependency.productType);
  return ext === 'xctest' && (dependencyExt === 'framework' || dependencyExt === 'bundle');
}

function isExecutable(target: XcodeGenTarget): boolean {
  const ext = productExtensionOf(target.productType);
  return ['app', 'appex', 'dext', 'systemextension', 'xctest'].includes(ext) || target.productType.endsWith('.tool');
}

/** Maps a read XcodeGen project to the Xcode project it generates. */
export function toXcodeProject(spec: XcodeGenProject, options: XcodeMappingOptions = {}): XcodeGenXcodeProject {
  const problems: SpecProblem[] = [...spec.problems];
  const configFileSettings = (file: SpecPath | undefined) => (file ? options.configFileSettings?.(file.absolute) : undefined);
  const byName = new Map(spec.targets.map((t) => [t.name, t]));

  // Groups may list groups: a spec that lists the same ones many times over (cheap with aliases)
  // must not make the mapping exponential, so group uses are counted.
  let groupUses = 0;
  const applySettings = (layer: SettingsLayer, settings: SettingsSpec, config: XcodeGenConfig, groupStack: string[] = []) => {
    for (const group of settings.groups) {
      if (++groupUses > MAX_GROUP_USES) {
        problems.push({ severity: 'error', message: `More than ${MAX_GROUP_USES} setting group uses: the rest are left out.`, span: group.span });
        return;
      }
      const groupSettings = spec.settingGroups.get(group.value);
      if (!groupSettings) {
        problems.push({ severity: 'warning', message: `Unknown setting group "${group.value}": XcodeGen ignores it.`, span: group.span });
        continue;
      }
      if (groupStack.includes(group.value)) {
        problems.push({ severity: 'error', message: `Setting group cycle: ${[...groupStack, group.value].join(' → ')}.`, span: group.span });
        continue;
      }
      applySettings(layer, groupSettings, config, [...groupStack, group.value]);
    }
    for (const s of settings.base.values()) layer.set(s.name, s.value, { kind: 'spec', span: s.span, keySpan: s.keySpan });
    for (const { variant, settings: variantSettings } of settings.configs) {
      // A variant applies to every configuration whose name contains it (any case), unless it is
      // exactly the name of another configuration.
      if (!config.name.toLowerCase().includes(variant.toLowerCase())) continue;
      const exact = spec.configs.find((c) => c.name === variant);
      if (exact && exact.name !== config.name) continue;
      applySettings(layer, variantSettings, config, groupStack);
    }
  };

  const platforms = new Set(spec.targets.map((t) => t.platform?.value));
  const singlePlatform = spec.targets.length && platforms.size === 1 ? [...platforms][0] : undefined;

  const projectLevel = (config: XcodeGenConfig): SettingsLayer => {
    const layer = new SettingsLayer();
    if (singlePlatform && SDK_ROOTS[singlePlatform]) layer.set('SDKROOT', SDK_ROOTS[singlePlatform]!, { kind: 'platform' });
    for (const [platform, version] of spec.options.deploymentTarget) {
      const setting = DEPLOYMENT_SETTINGS[platform];
      if (setting) layer.set(setting, version.value, { kind: 'deploymentTarget', span: version.span });
    }
    layer.remove(configFileSettings(spec.configFiles.get(config.name)));
    applySettings(layer, spec.settings, config);
    return layer;
  };

  const infoPlistFromSources = new Map<XcodeGenTarget, { path: string; span: YamlSpan } | null>();
  const searchedInfoPlist = (target: XcodeGenTarget) => {
    if (!infoPlistFromSources.has(target)) {
      let found: { path: string; span: YamlSpan } | null = null;
      for (const source of target.sources) {
        const absolute = options.findInfoPlist ? options.findInfoPlist(source.absolute) : lastComponent(source.absolute) === 'Info.plist' ? source.absolute : undefined;
        if (absolute) {
          found = { path: relativeToBase(spec.basePath, absolute), span: source.span };
          break;
        }
      }
      infoPlistFromSources.set(target, found);
    }
    return infoPlistFromSources.get(target) ?? undefined;
  };

  const targetLevel = (target: XcodeGenTarget, config: XcodeGenConfig, project: SettingsLayer): SettingsLayer => {
    const layer = new SettingsLayer();
    const platform = target.platform?.value ?? '';
    if (spec.options.settingPresets === 'all' || spec.options.settingPresets === 'targets') {
      for (const [name, value] of Object.entries(PLATFORM_PRESETS[platform] ?? {})) layer.set(name, value, { kind: 'platform', span: target.platform?.span });
      if (platform === 'auto') layer.set('SDKROOT', 'auto', { kind: 'platform', span: target.platform?.span });
    }
    if (target.deploymentTarget) {
      const platformsOf = target.supportedDestinations.length ? target.supportedDestinations : [platform];
      for (const p of platformsOf) {
        const setting = DEPLOYMENT_SETTINGS[p];
        if (setting) layer.set(setting, target.deploymentTarget.value, { kind: 'deploymentTarget', span: target.deploymentTarget.span });
      }
    }
    const targetConfigFile = configFileSettings(target.configFiles.get(config.name));
    const projectConfigFile = configFileSettings(spec.configFiles.get(config.name));
    layer.remove(targetConfigFile);
    layer.remove(projectConfigFile);
    applySettings(layer, target.settings, config);

    // What XcodeGen's generator sets on top of the settings.
    const hasBundleId = layer.has('PRODUCT_BUNDLE_IDENTIFIER') || project.has('PRODUCT_BUNDLE_IDENTIFIER') || !!targetConfigFile?.has('PRODUCT_BUNDLE_IDENTIFIER') || !!projectConfigFile?.has('PRODUCT_BUNDLE_IDENTIFIER');
    if (target.entitlements) layer.set('CODE_SIGN_ENTITLEMENTS', target.entitlements.path.path, { kind: 'entitlements', span: target.entitlements.path.span });
    if (!layer.has('INFOPLIST_FILE')) {
      if (target.info) layer.set('INFOPLIST_FILE', target.info.path.path, { kind: 'info', span: target.info.path.span });
      else {
        const found = searchedInfoPlist(target);
        if (found) layer.set('INFOPLIST_FILE', found.path, { kind: 'sources', span: found.span });
      }
    }
    const prefix = spec.options.bundleIdPrefix;
    if (prefix && !hasBundleId) layer.set('PRODUCT_BUNDLE_IDENTIFIER', defaultBundleId(prefix.value, target.name), { kind: 'bundleIdPrefix', span: prefix.span });
    return layer;
  };

  const targets: XcodeGenTargetFacts[] = [];
  const projectLayers = new Map(spec.configs.map((c) => [c, projectLevel(c)]));
  for (const target of spec.targets) {
    const configurations: XcodeConfiguration[] = [];
    const facts: XcodeGenConfigurationFacts[] = [];
    for (const config of spec.configs) {
      const project = projectLayers.get(config)!;
      const own = targetLevel(target, config, project);
      configurations.push({ name: config.name, settings: { ...project.values, ...own.values } });
      facts.push({
        name: config.name,
        projectConfigFile: spec.configFiles.get(config.name),
        targetConfigFile: target.configFiles.get(config.name),
        origins: new Map([...project.origins, ...own.origins]),
        levels: { project: { settings: project.values, origins: project.origins }, target: { settings: own.values, origins: own.origins } },
      });
    }
    const embeds: EmbeddedTarget[] = [];
    const dependencies: string[] = [];
    for (const dependency of target.dependencies) {
      if (dependency.kind !== 'target') continue;
      const other = byName.get(dependency.reference);
      if (!other) {
        // A project reference (`Project/Target`) names a target of another project.
        if (!dependency.reference.includes('/')) problems.push({ severity: 'error', message: `No target named "${dependency.reference}" in this spec: XcodeGen refuses it.`, span: dependency.span });
        continue;
      }
      dependencies.push(other.name);
      const embed = dependency.embed?.value ?? embedsByDefault(target, other);
      if (!embed) continue;
      embeds.push({
        name: other.name,
        span: dependency.span,
        explicit: dependency.embed?.value === true,
        destination: dependency.copy ? 'custom' : embedDestinationOf(other),
        copy: dependency.copy,
        codeSignOnCopy: dependency.codeSign ?? !isExecutable(other),
      });
    }
    targets.push({ target: { name: target.name, productType: target.productType, configurations, dependencies }, spec: target, configurations: facts, embeds });
  }
  // Problems found again for every configuration are reported once.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.span.file}:${p.span.start}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    project: { srcRoot: spec.basePath, projectName: spec.name?.value ?? lastComponent(spec.basePath), targets: targets.map((t) => t.target), errors: [] },
    targets,
    problems: unique,
  };
}

function relativeToBase(basePath: string, absolute: string): string {
  const prefix = basePath.endsWith('/') ? basePath : basePath + '/';
  return absolute.startsWith(prefix) ? absolute.slice(prefix.length) : absolute;
}
