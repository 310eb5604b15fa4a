// The DriverKit log-line knowledge (schemas/log-patterns.jsonc), typed.
import { loadSchema } from './load';
import type { Confidence } from './load';
import type { TargetSpec } from './targets';

export interface LogPattern {
  id: string;
  title: string;
  match: string[];
  context: string[];
  explanation: string;
  causes: string[];
  rules: string[];
  targets: TargetSpec[];
  verify?: boolean;
  source: string;
  confidence: Confidence;
}

export function logPatternEntries(): readonly LogPattern[] {
  return loadSchema<{ patterns: LogPattern[] }>('log-patterns').patterns;
}
