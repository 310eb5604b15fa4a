// The "Add personality" templates (schemas/personality-templates.jsonc).
import { loadSchema } from './load';

export interface PersonalityTemplate {
  title: string;
  suffix: string;
  provider: string;
  ioClass: string;
  /** The template's matching keys and their placeholder values, in order. */
  keys: [string, string | number | boolean][];
  source: string;
}

export function personalityTemplates(): readonly PersonalityTemplate[] {
  return loadSchema<{ templates: PersonalityTemplate[] }>('personality-templates').templates;
}
