// What the queue rules share: a dext's classes (from the .iig files) with the bodies that
// implement them (from its .cpp/.h files), the registrations, and what runs from Start.
import { scanCpp, type CppBody, type CppCall, type CppScan } from '../cpp/scanner';
import { sdkQueues } from '../knowledge/sdk-queues';
import { getClassModel, type IigClass } from '../workspace/classes';
import type { WorkspaceFile } from '../workspace/files';
import type { DextProduct } from '../workspace/model';
import type { Workspace } from '../workspace/workspace';

export interface LocatedBody extends CppBody {
  file: WorkspaceFile;
}

export interface LocatedCall extends CppCall {
  file: WorkspaceFile;
  body: LocatedBody;
}

export interface DextCode {
  dext: DextProduct;
  classes: IigClass[];
  bodies: LocatedBody[];
  /** False when the dext has no .cpp file in the workspace: implementation facts are unknown. */
  hasImplementation: boolean;
}

export function cppScanOf(file: WorkspaceFile): CppScan {
  return file.parsed('cpp', (f) => scanCpp(f.text));
}

/** The dext that a .iig/.cpp file belongs to, with its classes and bodies (cached per change). */
export function dextCodeOf(workspace: Workspace, file: WorkspaceFile): DextCode | undefined {
  const dext = workspace.dextOf(file);
  if (!dext) return undefined;
  const all = workspace.derived('dext-code', () => new Map<DextProduct, DextCode>(), ['iig', 'cpp']);
  let code = all.get(dext);
  if (!code) {
    const cppFiles = dext.sources.filter((f) => f.nameKind === 'cpp');
    code = {
      dext,
      classes: getClassModel(workspace).classesOf(dext),
      bodies: cppFiles.flatMap((f) => cppScanOf(f).bodies.map((b) => ({ ...b, file: f }))),
      hasImplementation: cppFiles.some((f) => cppScanOf(f).bodies.length > 0),
    };
    all.set(dext, code);
  }
  return code;
}

export function bodiesOf(code: DextCode, className: string): LocatedBody[] {
  return code.bodies.filter((b) => b.className === className);
}

export function registrationsOf(code: DextCode, className: string): LocatedCall[] {
  return bodiesOf(code, className).flatMap((body) => body.setDispatchQueue.map((c) => ({ ...c, file: body.file, body })));
}

export function queueCreationsOf(code: DextCode, className: string): LocatedCall[] {
  return bodiesOf(code, className).flatMap((body) => body.createQueue.map((c) => ({ ...c, file: body.file, body })));
}

/** Names of the class's methods that run from Start: Start and what it calls, transitively. */
export function runsFromStart(code: DextCode, className: string): Set<string> {
  const bodies = bodiesOf(code, className);
  const reached = new Set(['Start']);
  const work = ['Start'];
  while (work.length) {
    const method = work.pop()!;
    for (const body of bodies) {
      if (body.method !== method) continue;
      for (const callee of body.calls) {
        if (!reached.has(callee) && bodies.some((b) => b.method === callee)) {
          reached.add(callee);
          work.push(callee);
        }
      }
    }
  }
  return reached;
}

export function sdkQueueNames(): Set<string> {
  return new Set(sdkQueues().map((q) => q.name));
}

/** The queue names the class's QUEUENAME annotations use. */
export function queueNamesOf(cls: IigClass): Set<string> {
  const names = new Set<string>();
  for (const m of cls.methods) if (m.queueName !== undefined) names.add(m.queueName);
  return names;
}

/** The dext's classes declared in this .iig file. */
export function classesInFile(code: DextCode, file: WorkspaceFile): IigClass[] {
  return code.classes.filter((c) => c.file === file);
}

export const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
