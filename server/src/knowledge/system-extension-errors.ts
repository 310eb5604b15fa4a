// The OSSystemExtensionError knowledge (schemas/system-extension-errors.jsonc), typed.
import { loadSchema } from './load';
import type { Confidence } from './load';
import type { TargetSpec } from './targets';

export interface SystemExtensionError {
  code: number;
  name: string;
  objcName: string;
  apple: string;
  dext: string;
  check: string[];
  rules: string[];
  targets: TargetSpec[];
  verify?: boolean;
  source: string;
  confidence: Confidence;
}

export interface SystemExtensionErrorsSchema {
  domain: string;
  errors: SystemExtensionError[];
}

export function systemExtensionErrorsSchema(): SystemExtensionErrorsSchema {
  return loadSchema<SystemExtensionErrorsSchema>('system-extension-errors');
}
