// Types of apt.mjs for the TypeScript tests that import it.
export declare class ProvisionUnavailable extends Error {}
export declare function hasDebianPackage(name: string): boolean;
export declare function installDebianPackages(names: string[], log: (line: string) => void): void;
export declare function runChecked(command: string, args: string[], options?: import('node:child_process').SpawnSyncOptions): string;
