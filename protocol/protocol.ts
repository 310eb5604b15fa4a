// The messages between the VS Code client and the language server beyond standard LSP, and the
// `dext` settings, typed once and imported by both sides (vscode-eslint's `$shared` pattern): a
// method name or a field can no longer drift between the two.
import { NotificationType, RequestType, RequestType0, type WorkspaceEdit } from 'vscode-languageserver-protocol';

export interface RuleSummary {
  id: string;
  summary: string;
  defaultSeverity: string;
}

export const RulesRequest = new RequestType0<RuleSummary[], void>('dext/rules');

export const RuleDocumentationRequest = new RequestType<{ id: string }, { markdown: string }, void>('dext/ruleDocumentation');

export type Transport = 'usb' | 'pci';

export interface AddDevelopmentConfigurationResult {
  edit?: WorkspaceEdit;
  message?: string;
}

export const AddDevelopmentConfigurationRequest = new RequestType<{ uri: string; transport: Transport }, AddDevelopmentConfigurationResult, void>(
  'dext/addDevelopmentConfiguration',
);

export interface ShowProfileResult {
  ok: boolean;
  content?: string;
  error?: string;
}

export const ShowProfileRequest = new RequestType<{ uri: string }, ShowProfileResult, void>('dext/showProfile');

export const ExplainRequest = new RequestType<{ text: string }, { markdown: string }, void>('dext/explain');

export interface ScanStatus {
  state: 'start' | 'end';
  files: number;
  /** With `end`: projects the server cannot read (Tuist, Swift package, CMake), one sentence each. */
  notes?: string[];
}

export const ScanStatusNotification = new NotificationType<ScanStatus>('dext/scanStatus');

/** The answer of the matching requests: the `dext-match:` report, or why there is none. */
export interface MatchingResult {
  ok: boolean;
  error?: string;
  /** The report, as Markdown. */
  markdown?: string;
}

/** Matches the personalities against a registry dump file (`ioreg -a`, `system_profiler -xml`). */
export const CheckMatchingDumpRequest = new RequestType<{ uri: string }, MatchingResult, void>('dext/checkMatchingDump');
/** Runs `ioreg -a -l` on this Mac (macOS only) and matches against it. */
export const CheckMatchingThisMacRequest = new RequestType0<MatchingResult, void>('dext/checkMatchingThisMac');
export const MatchingReportRequest = new RequestType0<MatchingResult, void>('dext/matchingReport');
/** Forgets the dump picked with a command (the configured `dext.matching.dumps` stay). */
export const ClearMatchingRequest = new RequestType0<MatchingResult, void>('dext/clearMatching');

/** The `dext` settings as the server uses them. */
export interface DextSettings {
  /** `dext.rules`: severities that override the project's `.dextlintrc.json`. */
  rules: Record<string, unknown>;
  /** `dext.profiles`: extra provisioning profile paths. */
  profiles: string[];
  /** `dext.validate.enable`. */
  validateEnable: boolean;
  /** `dext.matching.dumps`: registry dumps kept in the project (relative to the first folder). */
  matchingDumps: string[];
}

/** The `dext` section of the editor's settings, before `readSettings` checks it. */
export interface DextSettingsSection {
  rules?: unknown;
  profiles?: unknown;
  validate?: { enable?: unknown };
  matching?: { dumps?: unknown };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : []);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The settings from the `dext` section as VS Code holds it (`{ rules, profiles, validate: { enable } }`),
 * whatever the client sent: the initialization options, a `workspace/configuration` answer, or a
 * `didChangeConfiguration` push. Anything malformed falls back to the default.
 */
export function readSettings(section: unknown): DextSettings {
  const raw = isRecord(section) ? section : {};
  const validate = isRecord(raw.validate) ? raw.validate : {};
  const matching = isRecord(raw.matching) ? raw.matching : {};
  return {
    rules: isRecord(raw.rules) ? raw.rules : {},
    profiles: strings(raw.profiles),
    validateEnable: validate.enable !== false,
    matchingDumps: strings(matching.dumps),
  };
}
