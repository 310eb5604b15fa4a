// The "Add personality" templates (schemas/personality-templates.jsonc).
import { loadSchema } from './load';

export interface PersonalityTemplate {
  title: string;
  suffix: string;
  provider: string;
  ioClass: string;
  keys: [string, string][];
  source: string;
}

export function personalityTemplates(): readonly PersonalityTemplate[] {
  return loadSchema<{ templates: PersonalityTemplate[] }>('personality-templates').templates;
}
