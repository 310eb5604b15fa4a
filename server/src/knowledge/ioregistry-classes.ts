// The I/O Registry classes dexts match on (schemas/ioregistry-classes.jsonc), with their
// superclasses: the table behind "is an entry of class X a kind of IOProviderClass?".
import { loadSchema, type Confidence } from './load';

export interface RegistryClass {
  superclass: string | null;
  confidence: Confidence;
  source: string;
}

interface RegistryClassesFile {
  source: string;
  classes: Record<string, RegistryClass>;
}

export function registryClasses(): Record<string, RegistryClass> {
  return loadSchema<RegistryClassesFile>('ioregistry-classes').classes;
}
