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
}

export const ScanStatusNotification = new NotificationType<ScanStatus>('dext/scanStatus');

/** The `dext` settings as the server uses them. */
export interface DextSettings {
  /** `dext.rules`: severities that override the project's `.dextlintrc.json`. */
  rules: Record<string, unknown>;
  /** `dext.profiles`: extra provisioning profile paths. */
  profiles: string[];
  /** `dext.validate.enable`. */
  validateEnable: boolean;
}

/** The `dext` section of the editor's settings, before `readSettings` checks it. */
export interface DextSettingsSection {
  rules?: unknown;
  profiles?: unknown;
  validate?: { enable?: unknown };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The settings from the `dext` section as VS Code holds it (`{ rules, profiles, validate: { enable } }`),
 * whatever the client sent: the initialization options, a `workspace/configuration` answer, or a
 * `didChangeConfiguration` push. Anything malformed falls back to the default.
 */
export function readSettings(section: unknown): DextSettings {
  const raw = isRecord(section) ? section : {};
  const validate = isRecord(raw.validate) ? raw.validate : {};
  return {
    rules: isRecord(raw.rules) ? raw.rules : {},
    profiles: Array.isArray(raw.profiles) ? raw.profiles.filter((p): p is string => typeof p === 'string') : [],
    validateEnable: validate.enable !== false,
  };
}
