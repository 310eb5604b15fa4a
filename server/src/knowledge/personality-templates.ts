// The "Add personality" templates (schemas/personality-templates.jsonc).
import { loadSchema } from './load';
import type { Confidence } from './load';

export interface PersonalityTemplate {
  title: string;
  suffix: string;
  provider: string;
  ioClass: string;
  /** The template's matching keys and their placeholder values, in order. */
  keys: [string, string | number | boolean][];
  source: string;
  confidence: Confidence;
  /** The kext for CFBundleIdentifierKernel when the dext has no class of the family (default com.apple.kpi.iokit). */
  kernelBundle?: string;
}

export function personalityTemplates(): readonly PersonalityTemplate[] {
  return loadSchema<{ templates: PersonalityTemplate[] }>('personality-templates').templates;
}
