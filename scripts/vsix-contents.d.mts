// Types of vsix-contents.mjs for the TypeScript test that imports it.
export declare const ALLOWED_EXTENSION_FILES: RegExp[];
export declare const REQUIRED_EXTENSION_FILES: string[];
export declare const VSIX_METADATA: string[];
export interface ZipEntry {
  name: string;
  size: number;
  compressedSize: number;
  read(): Buffer;
}
export declare function readZip(buffer: Buffer): ZipEntry[];
export declare function checkVsixEntries(names: string[]): string[];
