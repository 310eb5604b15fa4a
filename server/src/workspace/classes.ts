// The class model: every class declared in the workspace's .iig files, with its superclass chain
// and methods. Cross-file rules (personalities, entitlements, queues) read it through
// getClassModel(), computed once per workspace change from the cached per-file scans.
import { scanIig, type IigAnnotation, type IigClassDecl, type IigMethodDecl, type IigScan } from '../iig/scanner';
import type { WorkspaceFile } from './files';
import type { DextProduct } from './model';
import type { Workspace } from './workspace';

export type { IigAnnotation };
export type IigMethod = IigMethodDecl;

export interface IigClass extends IigClassDecl {
  file: WorkspaceFile;
}

export interface ClassModel {
  /** Classes declared in the workspace's .iig files, by name. */
  classes: Map<string, IigClass[]>;
  get(name: string): IigClass | undefined;
  /**
   * [name, its superclass, …] through the workspace's own classes; the last element is the first
   * class not declared in the workspace (usually the DriverKit family or base class).
   */
  superChain(name: string): string[];
  /** Classes declared in a dext's .iig files. */
  classesOf(dext: DextProduct): IigClass[];
  /** True when a class of this dext overrides NewUserClient or derives from IOUserClient. */
  offersUserClient(dext: DextProduct): boolean;
}

/** The scan of one .iig file, cached per version. */
export function iigScanOf(file: WorkspaceFile): IigScan {
  return file.parsed('iig', (f) => scanIig(f.text));
}

export function getClassModel(workspace: Workspace): ClassModel {
  return workspace.derived('classes', (ws) => buildClassModel(ws), ['iig']);
}

function buildClassModel(workspace: Workspace): ClassModel {
  const classes = new Map<string, IigClass[]>();
  for (const file of workspace.files()) {
    if (file.nameKind !== 'iig') continue;
    for (const decl of iigScanOf(file).classes) {
      const list = classes.get(decl.name) ?? [];
      list.push({ ...decl, file });
      classes.set(decl.name, list);
    }
  }
  const get = (name: string) => classes.get(name)?.[0];
  const superChain = (name: string): string[] => {
    const chain = [name];
    const seen = new Set([name]);
    let current = get(name);
    while (current?.superclass && !seen.has(current.superclass)) {
      chain.push(current.superclass);
      seen.add(current.superclass);
      current = get(current.superclass);
    }
    return chain;
  };
  // Asked by several rules per validation: computed once per dext for this model.
  const byDext = new Map<DextProduct, IigClass[]>();
  const classesOf = (dext: DextProduct): IigClass[] => {
    let found = byDext.get(dext);
    if (!found) {
      found = dext.sources.filter((f) => f.nameKind === 'iig').flatMap((f) => iigScanOf(f).classes.map((decl) => ({ ...decl, file: f })));
      byDext.set(dext, found);
    }
    return found;
  };
  return {
    classes,
    get,
    superChain,
    classesOf,
    offersUserClient: (dext) =>
      classesOf(dext).some((c) => c.methods.some((m) => m.name === 'NewUserClient') || superChain(c.name).includes('IOUserClient')),
  };
}
