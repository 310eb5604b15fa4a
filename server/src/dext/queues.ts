// What the queue rules share: a dext's classes (from the .iig files) with the bodies that
// implement them (from its .cpp/.h files), the registrations, and what runs from Start.
import { scanCpp, type CppBody, type CppCall, type CppScan } from '../cpp/scanner';
import { sdkQueues, startPhaseMethods, type SdkQueue } from '../knowledge/sdk-queues';
import { familyOf } from './families';
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

/**
 * Names of the class's methods reached from `roots`: the roots, and what their bodies call among
 * the class's own bodies (helpers, blocks inside the bodies, the handlers of `CreateActionM`),
 * transitively. One pass over each body at most.
 */
export function reachedFrom(code: DextCode, className: string, roots: Iterable<string>): Set<string> {
  const bodies = bodiesOf(code, className);
  const byMethod = new Map<string, LocatedBody[]>();
  for (const b of bodies) byMethod.set(b.method, [...(byMethod.get(b.method) ?? []), b]);
  const reached = new Set(roots);
  const work = [...reached];
  while (work.length) {
    const method = work.pop()!;
    for (const body of byMethod.get(method) ?? []) {
      for (const callee of body.calls) {
        if (!reached.has(callee) && byMethod.has(callee)) {
          reached.add(callee);
          work.push(callee);
        }
      }
    }
  }
  return reached;
}

/**
 * Names of the class's methods that run while the service starts: Start, the family methods the
 * framework calls during start (schemas/sdk-queues.jsonc `startPhase`, e.g. a SCSI controller's
 * UserInitializeController), and what they call, transitively.
 */
export function runsFromStart(code: DextCode, cls: IigClass): Set<string> {
  const family = familyOf(cls, code.classes)?.superclass;
  return reachedFrom(code, ownerOf(cls), ['Start', ...(family ? startPhaseMethods(family) : [])]);
}

/** The class whose methods these are: `Base` for `class EXTENDS(Base) Name`, else the class. */
export function ownerOf(cls: IigClass): string {
  return cls.extends ?? cls.name;
}

/** The methods a class declares, with those of its extensions (`class EXTENDS(C) …`) in the dext. */
export function declaredMethodsOf(code: DextCode, className: string): IigClass['methods'] {
  return code.classes.filter((c) => ownerOf(c) === className).flatMap((c) => c.methods);
}

/** The SDK's entry for a queue name, if the SDK declares it. */
export function sdkQueue(name: string): SdkQueue | undefined {
  return sdkQueues().find((q) => q.name === name);
}

export function sdkQueueNames(): Set<string> {
  return new Set(sdkQueues().map((q) => q.name));
}

/** The queue names the QUEUENAME annotations of the class (and of its extensions) use. */
export function queueNamesOf(code: DextCode, cls: IigClass): Set<string> {
  const names = new Set<string>();
  for (const m of declaredMethodsOf(code, ownerOf(cls))) if (m.queueName !== undefined) names.add(m.queueName);
  return names;
}

/** The dext's classes declared in this .iig file. */
export function classesInFile(code: DextCode, file: WorkspaceFile): IigClass[] {
  return code.classes.filter((c) => c.file === file);
}

export const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
