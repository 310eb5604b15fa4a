// XcodeGen specs (`project.yml`) as projects of the product model: the spec is read from the
// workspace's files (the files it `include:`s too), mapped to the Xcode project XcodeGen would
// generate, and layered with its `configFiles` xcconfig files exactly like a `project.pbxproj`
// (pbxproj/settings.ts), so every check that reads a project reads a spec the same way.
import { resolveProject, type BuildSettings, type ProjectFacts, type TargetFacts, type XcodeProject } from '../pbxproj/project';
import { splitConditionalKey, xcconfigAssignments, type SettingAssignment, type SettingsLevel, type XcconfigReader } from '../pbxproj/settings';
import { readXcodeGenProject, renderEntitlements, renderInfoPlist, specSpanAt, toXcodeProject, type GeneratedLevel, type RenderedPlist, type SpecPath, type SpecProblem, type XcodeGenProject, type XcodeGenTarget, type XcodeGenTargetFacts, type YamlSpan } from '../xcodegen';
import { WorkspaceFile } from './files';
import { dirname, isInside, pathToUri } from './uri';

/** One XcodeGen spec of the workspace, read and mapped. */
export interface XcodeGenSpecModel {
  /** The root spec (`project.yml`). */
  file: WorkspaceFile;
  spec: XcodeGenProject;
  /** The generated project, with its xcconfig files layered. */
  project: XcodeProject;
  /** Parallel to `project.targets`: what only the spec says (embeds, `info`/`entitlements` properties). */
  targets: XcodeGenTargetFacts[];
  /** The spec's problems (invalid YAML, includes, wrong types) and the mapping's. */
  problems: SpecProblem[];
  /**
   * Set when the product model reads the `.xcodeproj` generated from this spec instead (same
   * folder, readable): its targets are not linked a second time.
   */
  supersededBy?: WorkspaceFile;
}

/** Whether a spec reads `file`: the spec itself, or a file it includes (directly or not). */
export function specReads(spec: XcodeGenSpecModel, file: WorkspaceFile): boolean {
  return spec.file === file || spec.spec.files.includes(file.path);
}

interface SpecCache {
  spec?: XcodeGenProject;
  /** Every file the read asked for, with the text it got (undefined: none). */
  reads?: Map<string, string | undefined>;
}

/**
 * The spec read from `file` and the workspace's files (an included file is read through `byPath`).
 * Cached on the root file's version; reused only while every other file it read has the same text,
 * so an edit to an included `.yml` is seen (the workspace rebuilds the model on any YAML edit).
 */
export function xcodegenSpecOf(file: WorkspaceFile, byPath: ReadonlyMap<string, WorkspaceFile>): XcodeGenProject {
  const textOf = (path: string) => (path === file.path ? file.text : byPath.get(path)?.text);
  const cache = file.parsed('xcodegen', (): SpecCache => ({}));
  if (cache.spec && cache.reads && [...cache.reads].every(([path, text]) => textOf(path) === text)) return cache.spec;
  const reads = new Map<string, string | undefined>();
  const spec = readXcodeGenProject(file.path, {
    readFile: (path) => {
      const text = textOf(path);
      reads.set(path, text);
      return text;
    },
  });
  cache.spec = spec;
  cache.reads = reads;
  return spec;
}

/** A generated level's settings as assignments, each pointing at the spec text that decided it. */
function assignmentsOf(level: GeneratedLevel): SettingAssignment[] {
  const out: SettingAssignment[] = [];
  for (const [key, value] of Object.entries(level.settings as BuildSettings)) {
    // XcodeGen writes keys as given: `NAME[sdk=driverkit*]` is a conditional setting in the project.
    const split = splitConditionalKey(key);
    if (!split) continue;
    const span = level.origins.get(key)?.span;
    out.push({ ...split, value, ...(span ? { origin: { path: span.file, start: span.start, end: span.end } } : {}) });
  }
  return out;
}

/**
 * Reads every spec and maps it to the project XcodeGen generates. `readXcconfig` reads the
 * workspace's `.xcconfig` files; `infoPlists` are the paths of the workspace's files named
 * `Info.plist` (for XcodeGen's search of a target's sources when nothing names one).
 */
export function readXcodeGenSpec(
  file: WorkspaceFile,
  byPath: ReadonlyMap<string, WorkspaceFile>,
  readXcconfig: XcconfigReader,
  infoPlists: readonly string[],
): XcodeGenSpecModel {
  const spec = xcodegenSpecOf(file, byPath);
  const mapped = toXcodeProject(spec, {
    // The names an xcconfig sets (its #includes followed): XcodeGen lets them win over its presets.
    configFileSettings: (path) => {
      if (!readXcconfig(path)) return undefined;
      return new Set(xcconfigAssignments(path, readXcconfig).assignments.map((a) => a.name));
    },
    // XcodeGen takes an Info.plist found among a target's sources. Taken here: the source itself,
    // else the shallowest `Info.plist` below it (then by path); `excludes:` are not applied.
    findInfoPlist: (source) => {
      if (infoPlists.includes(source)) return source;
      let best: string | undefined;
      for (const p of infoPlists) {
        if (!isInside(p, source) || p === source) continue;
        const depth = p.split('/').length;
        if (!best || depth < best.split('/').length || (depth === best.split('/').length && p < best)) best = p;
      }
      return best;
    },
  });
  // Each configuration's levels as Xcode layers the generated project: project xcconfig,
  // project settings, target xcconfig, target settings (lowest first).
  const targets: TargetFacts[] = mapped.targets.map((t) => {
    const embedded = t.embeds.filter((e) => e.destination === 'system-extensions').map((e) => e.name);
    return {
      name: t.target.name,
      productType: t.target.productType,
      configurations: t.configurations.map((c) => {
        const levels: SettingsLevel[] = [];
        if (c.projectConfigFile) levels.push({ kind: 'xcconfig', path: c.projectConfigFile.absolute });
        levels.push({ kind: 'settings', assignments: assignmentsOf(c.levels.project) });
        if (c.targetConfigFile) levels.push({ kind: 'xcconfig', path: c.targetConfigFile.absolute });
        levels.push({ kind: 'settings', assignments: assignmentsOf(c.levels.target) });
        return { name: c.name, levels };
      }),
      dependencies: t.target.dependencies,
      // The generated project has an "Embed System Extensions" phase only when the spec embeds
      // one; without it, as for a project file, any dext of the project may be the app's.
      ...(embedded.length ? { embeddedSystemExtensions: embedded } : {}),
    };
  });
  const facts: ProjectFacts = { path: file.path, srcRoot: spec.basePath, projectName: mapped.project.projectName, targets, errors: [], damaged: false };
  const project = resolveProject(facts, readXcconfig);
  // resolveProject keeps the order of the targets: `project.targets[i]` is `mapped.targets[i]`'s.
  return { file, spec, project, targets: mapped.targets, problems: mapped.problems };
}

/**
 * The `.xcodeproj` generated from a spec, when one is committed beside it (XcodeGen writes
 * `<name>.xcodeproj` in the spec's folder). Any readable project file whose `.xcodeproj` sits in the
 * spec's folder counts: it is what Xcode opens and builds, while the spec may be newer or older.
 */
export function generatedProjectOf(spec: XcodeGenSpecModel, readableProjects: readonly { file: WorkspaceFile; project: XcodeProject }[]): WorkspaceFile | undefined {
  const folder = dirname(spec.file.path);
  return readableProjects.find((p) => dirname(dirname(p.file.path)) === folder)?.file;
}

/**
 * A plist XcodeGen writes when it generates the project: for a target with `info:` (its generated
 * keys, then `properties`) or `entitlements:` (`properties` only, an empty dict when there are
 * none), at the path given, replacing the file there (XcodeGen's FileWriter.writePlists). It is
 * the file the target builds with, so the checks read it instead of the file on disk.
 */
export interface GeneratedPlist {
  /** The rendered text as a file of the model: same path as the written file, its own URI. */
  file: WorkspaceFile;
  spec: XcodeGenSpecModel;
  target: XcodeGenTarget;
  what: 'info' | 'entitlements';
  /** The path as the spec writes it, and where. */
  path: SpecPath;
  rendered: RenderedPlist;
  /** The `info:` / `entitlements:` key: where a finding that no property wrote is shown. */
  anchor: YamlSpan;
  /** The file on disk XcodeGen replaces, when there is one. */
  replaces?: WorkspaceFile;
}

/** The generated plist each generated file is (set by every model build). */
const generatedOfFile = new WeakMap<WorkspaceFile, GeneratedPlist>();

/** What a generated file is, when `file` is one of the plists XcodeGen writes. */
export function generatedPlistOf(file: WorkspaceFile): GeneratedPlist | undefined {
  return generatedOfFile.get(file);
}

/**
 * Where the spec writes the text at `offset` of a generated plist: the property (key or value) it
 * comes from, else the `info:` / `entitlements:` key (a key XcodeGen adds, the dict itself).
 */
export function specSpanOfGenerated(generated: GeneratedPlist, offset: number): YamlSpan {
  return specSpanAt(generated.rendered, offset) ?? generated.anchor;
}

/** Generated files per spec root, kept across model builds so their parses survive unchanged renders. */
const generatedFiles = new WeakMap<WorkspaceFile, Map<string, WorkspaceFile>>();

/**
 * The plists a spec's targets make XcodeGen write. The generated file's URI is the written file's
 * with a `#xcodegen-info` / `#xcodegen-entitlements` fragment: it is never a document of the
 * editor, and its findings are shown in the spec (rules/engine/generated.ts).
 */
export function generatedPlistsOf(spec: XcodeGenSpecModel, byPath: ReadonlyMap<string, WorkspaceFile>): GeneratedPlist[] {
  const kept = generatedFiles.get(spec.file) ?? generatedFiles.set(spec.file, new Map()).get(spec.file)!;
  const out: GeneratedPlist[] = [];
  const seen = new Set<string>();
  for (const { spec: target } of spec.targets) {
    for (const what of ['info', 'entitlements'] as const) {
      const plist = target[what];
      if (!plist) continue;
      const rendered = what === 'info' ? renderInfoPlist(target) : renderEntitlements(target);
      const uri = `${pathToUri(plist.path.absolute)}#xcodegen-${what}`;
      seen.add(uri);
      let file = kept.get(uri);
      if (!file) kept.set(uri, (file = new WorkspaceFile(uri, rendered.text, 0)));
      else if (file.text !== rendered.text) file.update(rendered.text, file.version + 1);
      const replaces = byPath.get(plist.path.absolute);
      const generated: GeneratedPlist = { file, spec, target, what, path: plist.path, rendered, anchor: plist.keySpan, ...(replaces ? { replaces } : {}) };
      generatedOfFile.set(file, generated);
      out.push(generated);
    }
  }
  for (const uri of kept.keys()) if (!seen.has(uri)) kept.delete(uri);
  return out;
}
