import type { DextDiagnostic } from '../../types';

export interface FileResult {
  /** Absolute path. */
  absolutePath: string;
  /** As given / relative to the current folder. */
  displayPath: string;
  text: string;
  diagnostics: DextDiagnostic[];
}
