// XcodeGen `project.yml` reader: the public API. Pure: files are read through a callback.
//
//   const spec = readXcodeGenProject('/repo/project.yml', { readFile });
//   const { project, targets, problems } = toXcodeProject(spec, { configFileSettings, findInfoPlist });
//   // project: an XcodeProject (pbxproj/project.ts) for the product model;
//   // targets[i].embeds: which targets an app embeds; targets[i].configurations[j].origins: where
//   // each setting was written; renderInfoPlist(targets[i].spec) / renderEntitlements(...): the
//   // files XcodeGen writes, with specSpanAt() to point findings back at project.yml.
export { readXcodeGenProject, productTypeOf, productExtensionOf, type XcodeGenProject, type XcodeGenTarget, type XcodeGenConfig, type SettingsSpec, type BuildSettingSpec, type PlistSpec, type DependencySpec, type DependencyKind, type SpecPath, type Located, type SettingPresets, type ReadXcodeGenOptions } from './model';
export { toXcodeProject, defaultBundleId, embedsByDefault, embedDestinationOf, type XcodeGenXcodeProject, type XcodeGenTargetFacts, type XcodeGenConfigurationFacts, type GeneratedLevel, type EmbeddedTarget, type EmbedDestination, type SettingOrigin, type XcodeMappingOptions } from './xcode';
export { renderInfoPlist, renderEntitlements, renderPlist, generatedInfoPlistKeys, specSpanAt, renderedNodeAt, type RenderedPlist, type RenderedNode } from './plist';
export { readSpec, type ResolvedSpec, type SpecReadOptions } from './spec';
export type { SpecProblem, YamlSpan, YamlValue, YamlMap, YamlSeq, YamlScalar, YamlEntry, ScalarType } from './yaml';
