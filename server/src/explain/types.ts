// The vocabulary of explanations: what a recognised code or log line means, and where in the
// workspace the configuration behind it lives.

import type { TargetSpec } from '../knowledge/targets';

/** A target with its `$capture` parameters resolved. */
export type Target = TargetSpec;

export type ExplanationKind = 'ioreturn' | 'iokit-error' | 'system-extension' | 'log-pattern';

/** What one code or one log line means, independent of where it was found. */
export interface Explanation {
  kind: ExplanationKind;
  /** Stable id: `kIOReturnNotPermitted`, `missingEntitlement`, a pattern id, or `0xE000404F`. */
  id: string;
  title: string;
  /** One sentence, for diagnostics and terminal output. */
  summary: string;
  /** Markdown paragraphs: the meaning for a dext. */
  details: string[];
  causes: string[];
  /** What to look at, in order (Markdown). */
  checks: string[];
  rules: string[];
  targets: Target[];
  source: string;
  verify: boolean;
  /** Named captures of a log pattern (registry-id suffixes removed). */
  captures: Record<string, string>;
  /** IOReturn / IOKit numbers: every printed form. */
  forms?: { hex: string; signed: number; unsigned: number };
  /** OSSystemExtensionError: its raw value and names. */
  systemExtension?: { code: number; name: string; objcName: string };
}

/** An explanation found at a span of a text. */
export interface Finding extends Explanation {
  /** Offsets into the text (UTF-16). */
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
}

/** A place in the workspace the explanation points at. */
export interface ConfigLocation {
  uri: string;
  /** File-system path (or the URI for non-file documents). */
  path: string;
  start: number;
  end: number;
  /** 0-based line and character of `start` and of `end`. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  /** What is there, e.g. `userclient-access entry "com.example.driver"`. */
  title: string;
}
