// The workspace: every file the server or the CLI knows, and the model derived from them. Parses
// are cached per file version; the derived model is rebuilt lazily after a change, from cached
// parses, so a keystroke costs one parse plus a cheap relink.
import { WorkspaceFile, type FileKind } from './files';
import { buildModel, type DextProduct, type AppProduct, type Product, type ProductModel } from './model';
import { plistRole } from './classify';

export class Workspace {
  private readonly byUri = new Map<string, WorkspaceFile>();
  private model: ProductModel | undefined;
  private readonly derivedCache = new Map<string, unknown>();
  /** Bumped on every change; lets callers cache results per generation. */
  generation = 0;

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
    let file = this.byUri.get(uri);
    if (file) file.update(text, version, bytes);
    else {
      file = new WorkspaceFile(uri, text, version, bytes, languageId);
      this.byUri.set(uri, file);
    }
    this.invalidate();
    return file;
  }

  delete(uri: string): boolean {
    const deleted = this.byUri.delete(uri);
    if (deleted) this.invalidate();
    return deleted;
  }

  private invalidate(): void {
    this.model = undefined;
    this.derivedCache.clear();
    this.generation++;
  }

  getModel(): ProductModel {
    return (this.model ??= buildModel(this.byUri.values()));
  }

  /**
   * A value derived from the whole workspace (e.g. the class model), computed once per
   * generation. `key` names it; areas of the service own their keys.
   */
  derived<T>(key: string, compute: (workspace: Workspace) => T): T {
    if (this.derivedCache.has(key)) return this.derivedCache.get(key) as T;
    const value = compute(this);
    this.derivedCache.set(key, value);
    return value;
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
    return file.nameKind === 'config' ? undefined : file.nameKind;
  }

  filesOfKind(kind: FileKind): WorkspaceFile[] {
    const out: WorkspaceFile[] = [];
    for (const [file, k] of this.getModel().kinds) if (k === kind) out.push(file);
    return out;
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
    if (file.nameKind === 'pbxproj') {
      for (const p of [...model.dexts, ...model.apps]) if (p.project && model.projects.some((x) => x.file === file && x.project === p.project)) addProduct(p);
    }
    if (file.nameKind === 'profile') for (const f of this.filesOfKind('dext-entitlements').concat(this.filesOfKind('app-entitlements'))) out.add(f);
    out.delete(file);
    return [...out];
  }
}
