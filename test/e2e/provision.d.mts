// Types of provision.mjs for the TypeScript tests that import it.
export declare const CODE_SERVER_VERSION: string;
export declare const CHROMIUM: string;
export declare class ProvisionUnavailable extends Error {}
export declare function cacheRoot(): string;
export declare function provision(log?: (line: string) => void): {
  chromium: string;
  codeServerEntry: string;
  cacheRoot: string;
  elapsedMs: number;
};
