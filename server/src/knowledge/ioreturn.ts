// The IOReturn knowledge (schemas/ioreturn.jsonc), typed: the IOKit system and subsystems, the
// common codes with Apple's texts and what each means for a dext.
import { loadSchema } from './load';
import type { Confidence } from './load';
import type { TargetSpec } from './targets';

export interface IoReturnReading {
  when: string;
  context: string[];
  meaning: string;
  check: string;
  rules: string[];
  targets: TargetSpec[];
  source: string;
  confidence: Confidence;
}

export interface IoReturnSchemaCode {
  name: string;
  code: string;
  message: string;
  source: string;
  confidence: Confidence;
  dext?: IoReturnReading[];
}

export interface IoReturnSchema {
  system: { name: string; value: number; source: string };
  subsystems: { sub: number; name: string }[];
  subsystemsSource: string;
  codes: IoReturnSchemaCode[];
}

export function ioReturnSchema(): IoReturnSchema {
  return loadSchema<IoReturnSchema>('ioreturn');
}
