// The workspace: every file the server or the CLI knows, and the model derived from them. Parses
// are cached per file version. The model is rebuilt lazily, from cached parses, only when a change
// touches what it reads (a new file, a project file or .xcconfig, a plist's role or literal bundle id), so a
// typical keystroke costs one parse and no relink.
import { WorkspaceFile, type FileKind, type NameKind } from './files';
import { buildModel, buildModelSteps, modelFactsOf, projectFactsOf, xcconfigOf, type DextProduct, type AppProduct, type Product, type ProductModel } from './model';
import { iigScanOf } from './classes';
import type { Steps } from '../cancellation';
import type { RefusalReason } from './read';
import { specReads, type XcodeGenSpecModel } from './xcodegen';
import { plistRole } from './classify';
import { pathToUri } from './uri';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** A path a file names that was not read (or a file below it, for a folder), and why. */
export interface PathRefusal {
  /** The entry as the file writes it. */
  entry: string;
  /** For a folder entry, the file or folder below it that was refused; undefined: the entry itself. */
  below?: string;
  reason: RefusalReason | 'walk-limit';
}

export class Workspace {
  private readonly byUri = new Map<string, WorkspaceFile>();
  private model: ProductModel | undefined;
  /** Bumped whenever the model is dropped: a model built in steps is kept only if none came in between. */
  private modelEpoch = 0;
  /** The model's files by kind, made on the first `filesOfKind` (rules ask per file checked). */
  private filesByKind: Map<FileKind, WorkspaceFile[]> | undefined;
  private readonly derivedCache = new Map<string, { value: unknown; reads?: ReadonlySet<NameKind> }>();
  /** Per file (a `.dextlintrc.json`), the paths it names that were not read, and why (`setRefusedPaths`). */
  private readonly refusedPaths = new Map<string, readonly PathRefusal[]>();
  /** Bumped on every change; lets callers cache results per generation. */
  generation = 0;
  /**
   * Since generation `since`, every change was an edit of this file's contents that left the model
   * as it was (undefined: some other change happened at `since`). See `onlyEditedSince`.
   */
  private editsOnly: { file: WorkspaceFile | undefined; since: number } = { file: undefined, since: 0 };

  files(): IterableIterator<WorkspaceFile> {
    return this.byUri.values();
  }

  get size(): number {
    return this.byUri.size;
  }

  get(uri: string): WorkspaceFile | undefined {
    return this.byUri.get(uri);
  }

  /**
   * Adds or replaces a file's content. `bytes` for files that are not plain text (binary plists,
   * profiles); `languageId` for editor documents whose name says nothing (untitled logs).
   */
  set(uri: string, text: string, version = 0, bytes?: Uint8Array, languageId?: string): WorkspaceFile {
    const file = this.byUri.get(uri);
    if (file) {
      this.changed(file, () => file.update(text, version, bytes));
      return file;
    }
    const created = new WorkspaceFile(uri, text, version, bytes, languageId);
    this.byUri.set(uri, created);
    this.invalidate();
    return created;
  }

  /** Applies an editor's incremental changes to a known file; undefined for an unknown one. */
  applyChanges(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number): WorkspaceFile | undefined {
    const file = this.byUri.get(uri);
    if (file) this.changed(file, () => file.applyChanges(changes, version));
    return file;
  }

  /** Changes a file's contents; the model is rebuilt only when what it reads of them changed. */
  private changed(file: WorkspaceFile, change: () => void): void {
    const factsBefore = this.model ? modelFactsOf(file, true) : undefined;
    change();
    // The usual keystroke: contents changed, the model did not.
    if (factsBefore !== undefined && modelFactsOf(file) === factsBefore) {
      if (this.editsOnly.file !== file) this.editsOnly = { file, since: this.generation };
      this.contentsChanged(file.nameKind);
    } else this.invalidate();
  }

  /**
   * Whether every change after `generation` was an edit of `file` that kept the model: what the
   * rules read of other files is then as it was (validation keeps reports on that ground).
   */
  onlyEditedSince(generation: number, file: WorkspaceFile): boolean {
    if (generation === this.generation) return true;
    return this.editsOnly.file === file && generation >= this.editsOnly.since;
  }

  /**
   * What the disk said of the paths a file names (a config's `profiles`), found when they were
   * read: rules report it on the entries, without reading the disk themselves. Replaces what was
   * recorded for the file before.
   */
  setRefusedPaths(uri: string, refusals: readonly PathRefusal[]): void {
    const before = this.refusedPaths.get(uri) ?? [];
    if (JSON.stringify(before) === JSON.stringify(refusals)) return;
    if (refusals.length) this.refusedPaths.set(uri, refusals);
    else this.refusedPaths.delete(uri);
    this.invalidate();
  }

  refusedPathsOf(uri: string): readonly PathRefusal[] {
    return this.refusedPaths.get(uri) ?? [];
  }

  delete(uri: string): boolean {
    this.refusedPaths.delete(uri);
    const deleted = this.byUri.delete(uri);
    if (deleted) this.invalidate();
    return deleted;
  }

  private invalidate(): void {
    this.model = undefined;
    this.modelEpoch++;
    this.filesByKind = undefined;
    this.derivedCache.clear();
    this.generation++;
    this.editsOnly = { file: undefined, since: this.generation };
  }

  /** A file of this kind changed and the model did not: derived values that read it are dropped. */
  private contentsChanged(kind: NameKind): void {
    for (const [key, entry] of this.derivedCache) if (!entry.reads || entry.reads.has(kind)) this.derivedCache.delete(key);
    this.generation++;
  }

  getModel(): ProductModel {
    return (this.model ??= buildModel(this.byUri.values()));
  }

  /**
   * The model built in steps: each file's parse that the model and the class model read, one file
   * per step (cached per version, so only files changed since cost anything), then the linking,
   * in steps too (50 ms for 20,000 files). Built again when the workspace changed in between.
   * Nothing to do when the model is current.
   */
  *modelSteps(): Steps<ProductModel> {
    while (!this.model) {
      const epoch = this.modelEpoch;
      const files = [...this.byUri.values()];
      for (const file of files) {
        parseSharedInputs(file);
        yield;
      }
      const model = yield* buildModelSteps(files);
      // A synchronous reader may have built it meanwhile; a change may have made this one stale.
      if (epoch === this.modelEpoch) this.model ??= model;
    }
    return this.model;
  }

  /**
   * A value derived from the whole workspace (e.g. the class model), computed once and kept until
   * a change can affect it. `key` names it; areas of the service own their keys. `reads` lists the
   * kinds of file whose contents it reads besides the model: it then survives edits to other files
   * (an Info.plist keystroke keeps the class model of the .iig files). Without `reads`, any change
   * drops it.
   */
  derived<T>(key: string, compute: (workspace: Workspace) => T, reads?: readonly NameKind[]): T {
    const cached = this.derivedCache.get(key);
    if (cached) return cached.value as T;
    const value = compute(this);
    this.derivedCache.set(key, { value, reads: reads && new Set(reads) });
    return value;
  }

  /**
   * Whether the checks of other files read this file's contents: the files of a product (a dext's
   * Info.plist, entitlements and sources, an app's), interfaces, projects, settings files,
   * profiles, configs. A log, a Swift source, a plist or a C/C++ file no product owns is read by
   * its own checks alone.
   */
  isReadByOthers(file: WorkspaceFile): boolean {
    switch (file.nameKind) {
      case 'log':
      case 'source':
        return false;
      case 'plist':
      case 'cpp':
        return this.productOf(file) !== undefined;
      default:
        return true;
    }
  }

  /**
   * Drops the parses of a file whose checks are done and that no other file's checks read: 20,000
   * stray plists kept 47 MB of trees for nothing. The facts the model asks of every file on each
   * rebuild stay (parsing them again would make every rebuild parse every plist).
   */
  releaseParses(file: WorkspaceFile): void {
    if (!this.isReadByOthers(file)) file.dropParses(MODEL_FACTS);
  }

  /** The file's kind, decided with the Xcode targets; undefined for files we do not serve. */
  kindOf(file: WorkspaceFile): FileKind | undefined {
    const kind = this.getModel().kinds.get(file);
    if (kind) return kind;
    // A file not yet in the model's view (e.g. an untitled document): its content decides.
    if (file.nameKind === 'entitlements') {
      const role = plistRole(file);
      return role === 'dext-entitlements' ? role : 'app-entitlements';
    }
    if (file.nameKind === 'plist') return plistRole(file) === 'dext-info-plist' ? 'dext-info-plist' : 'plist';
    return file.nameKind;
  }

  /** The files of a kind, in the model's order (do not modify the array). */
  filesOfKind(kind: FileKind): readonly WorkspaceFile[] {
    const model = this.getModel();
    if (!this.filesByKind) {
      const byKind = new Map<FileKind, WorkspaceFile[]>();
      for (const [file, k] of model.kinds) {
        const list = byKind.get(k);
        if (list) list.push(file);
        else byKind.set(k, [file]);
      }
      this.filesByKind = byKind;
    }
    return this.filesByKind.get(kind) ?? [];
  }

  productOf(file: WorkspaceFile): Product | undefined {
    return this.getModel().productOf.get(file);
  }

  dextOf(file: WorkspaceFile): DextProduct | undefined {
    const p = this.productOf(file);
    return p?.kind === 'dext' ? p : undefined;
  }

  appOf(file: WorkspaceFile): AppProduct | undefined {
    const p = this.productOf(file);
    return p?.kind === 'app' ? p : undefined;
  }

  /**
   * Files whose diagnostics may change when `uri` changes: the files of its product and of the
   * products linked to it (a dext and its apps), or, for a project file, every file it claims.
   */
  dependentsOf(uri: string): WorkspaceFile[] {
    const file = this.byUri.get(uri);
    if (!file) return [];
    const model = this.getModel();
    const out = new Set<WorkspaceFile>();
    const addProduct = (p: Product) => {
      if (p.infoPlist) out.add(p.infoPlist);
      for (const f of p.entitlements) out.add(f);
      if (p.kind === 'dext') {
        for (const f of p.sources) out.add(f);
        for (const a of p.apps) for (const f of a.entitlements) out.add(f);
      } else for (const d of p.dexts) addProduct(d);
    };
    const product = model.productOf.get(file);
    if (product) addProduct(product);
    const addProject = (projectFile: WorkspaceFile) => {
      for (const p of [...model.dexts, ...model.apps]) if (p.project && model.projects.some((x) => x.file === projectFile && x.project === p.project)) addProduct(p);
      // Files that no target uses are told so by the project; files XcodeGen replaces, by the spec.
      for (const [unused, by] of model.unused) if (by === projectFile) out.add(unused);
      for (const [replaced, by] of model.replaced) if (by.spec.file === projectFile) out.add(replaced);
    };
    if (file.nameKind === 'pbxproj') addProject(file);
    // An XcodeGen spec, or a YAML file specs include: those specs' products, and every file of
    // the specs (their problems are shown where they are written).
    if (file.nameKind === 'xcodegen' || file.nameKind === 'yaml') {
      for (const spec of model.specs) {
        if (!specReads(spec, file)) continue;
        addProject(spec.file);
        for (const f of this.filesOfSpec(spec)) out.add(f);
        if (spec.supersededBy) addProject(spec.supersededBy);
      }
    }
    // An .xcconfig: the projects whose configurations read it (directly or through #include).
    if (file.nameKind === 'xcconfig') {
      for (const projectFile of model.xcconfigReaders.get(file.path) ?? []) {
        out.add(projectFile);
        addProject(projectFile);
      }
      // Other .xcconfig files that include it (their include diagnostics).
      for (const f of this.files()) if (f.nameKind === 'xcconfig') out.add(f);
    }
    if (file.nameKind === 'profile') for (const f of [...this.filesOfKind('dext-entitlements'), ...this.filesOfKind('app-entitlements')]) out.add(f);
    const shown = new Set([...out].flatMap((f) => this.shownIn(f)));
    shown.delete(file);
    return [...shown];
  }

  /**
   * The workspace files whose diagnostics show a file's findings: the file itself, or for a plist
   * XcodeGen writes (no document of the editor), the spec files that write it.
   */
  shownIn(file: WorkspaceFile): WorkspaceFile[] {
    const generated = this.getModel().generated.get(file);
    return generated ? this.filesOfSpec(generated.spec) : [file];
  }

  /** A spec's files the workspace holds: its root and every file it includes, once each. */
  private filesOfSpec(spec: XcodeGenSpecModel): WorkspaceFile[] {
    return [spec.file, ...spec.spec.files.flatMap((path) => this.byUri.get(pathToUri(path)) ?? [])].filter((f, i, all) => all.indexOf(f) === i);
  }
}

/** The parses `buildModel` asks of every file, by their `parsed` keys (classify.ts, model.ts): small strings. */
const MODEL_FACTS: ReadonlySet<string> = new Set(['role', 'model-facts']);

/**
 * Parses what the model (`buildModel`) and the class model read of one file, cached per version:
 * done file by file (during the scan, or in `modelSteps`), it leaves them only the linking.
 */
export function parseSharedInputs(file: WorkspaceFile): void {
  switch (file.nameKind) {
    case 'plist':
    case 'entitlements':
      plistRole(file);
      break;
    case 'pbxproj':
      projectFactsOf(file);
      break;
    case 'xcconfig':
      xcconfigOf(file);
      break;
    case 'iig':
      iigScanOf(file);
      break;
  }
}
