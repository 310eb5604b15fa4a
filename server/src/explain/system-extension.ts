// OSSystemExtensionError codes 1–13 (schemas/system-extension-errors.jsonc), by raw value, Swift
// case name or Objective-C constant.
import { systemExtensionErrorsSchema, type SystemExtensionError } from '../knowledge/system-extension-errors';

interface Tables {
  domain: string;
  errors: SystemExtensionError[];
  byCode: Map<number, SystemExtensionError>;
  byName: Map<string, SystemExtensionError>;
}

let cached: Tables | undefined;

function tables(): Tables {
  if (cached) return cached;
  const schema = systemExtensionErrorsSchema();
  const byName = new Map<string, SystemExtensionError>();
  for (const e of schema.errors) {
    byName.set(e.name, e);
    byName.set(e.objcName, e);
  }
  cached = { domain: schema.domain, errors: schema.errors, byCode: new Map(schema.errors.map((e) => [e.code, e])), byName };
  return cached;
}

export function systemExtensionDomain(): string {
  return tables().domain;
}

export function systemExtensionErrors(): readonly SystemExtensionError[] {
  return tables().errors;
}

export function systemExtensionByCode(code: number): SystemExtensionError | undefined {
  return tables().byCode.get(code);
}

/** `missingEntitlement` (Swift) or `OSSystemExtensionErrorMissingEntitlement` (Objective-C). */
export function systemExtensionByName(name: string): SystemExtensionError | undefined {
  return tables().byName.get(name);
}

/** Swift case names distinctive enough to recognise without the type in front (not `unknown`). */
export function distinctiveCaseNames(): string[] {
  return tables()
    .errors.map((e) => e.name)
    .filter((n) => n !== 'unknown');
}
