// The server's custom requests and notifications (beyond standard LSP), typed once for the client.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageclient/node';
import type { WorkspaceEdit } from 'vscode-languageclient/node';

export interface RuleSummary {
  id: string;
  summary: string;
  defaultSeverity: string;
}

export const RulesRequest = new RequestType0<RuleSummary[], void>('dext/rules');

export const RuleDocumentationRequest = new RequestType<{ id: string }, { markdown: string }, void>('dext/ruleDocumentation');

export type Transport = 'usb' | 'pci';

export const AddDevelopmentConfigurationRequest = new RequestType<
  { uri: string; transport: Transport },
  { edit?: WorkspaceEdit; message?: string },
  void
>('dext/addDevelopmentConfiguration');

export const ShowProfileRequest = new RequestType<{ uri: string }, { ok: boolean; content?: string; error?: string }, void>(
  'dext/showProfile',
);

export const ExplainRequest = new RequestType<{ text: string }, { markdown: string }, void>('dext/explain');

export interface ScanStatus {
  state: 'start' | 'end';
  files: number;
  /** With `end`: projects the server cannot read (Tuist, Swift package, CMake), one sentence each. */
  notes?: string[];
}

export const ScanStatusNotification = new NotificationType<ScanStatus>('dext/scanStatus');
