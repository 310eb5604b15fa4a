// Types for esbuild-options.mjs (imported by the TypeScript benchmarks).
import type { BuildOptions } from 'esbuild';

export declare const shippedOptions: BuildOptions;
