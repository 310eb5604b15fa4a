// The extension's commands. Every decision about DriverKit content is the server's: the client
// asks, then applies the edit or shows what it got.
import { commands, Range, Selection, TextEditorRevealType, Uri, window, workspace, type Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  AddDevelopmentConfigurationRequest,
  ExplainRequest,
  RuleDocumentationRequest,
  RulesRequest,
  ShowProfileRequest,
  type Transport,
} from '../../protocol/protocol';
import { docUri, profileUri, type VirtualDocuments } from './virtual-documents';

export interface CommandContext {
  /** The client, or undefined before it exists (activation failed). */
  client(): LanguageClient | undefined;
  documents: VirtualDocuments;
  showOutput(): void;
}

const PROFILE_GLOB = '**/*.{provisionprofile,mobileprovision}';

/** The running client, or a message saying why there is none. */
function runningClient(ctx: CommandContext): LanguageClient | undefined {
  const client = ctx.client();
  if (client?.isRunning()) return client;
  void window.showWarningMessage('The DEXT language server is not running. Run “DEXT: Restart Language Server”.');
  return undefined;
}

/** A command's resource: the URI it was invoked on (explorer, editor title), else the active editor's. */
function targetUri(arg: unknown): Uri | undefined {
  if (arg instanceof Uri) return arg;
  if (typeof arg === 'string') return Uri.parse(arg);
  return window.activeTextEditor?.document.uri;
}

async function showMarkdown(ctx: CommandContext, name: string, markdown: string): Promise<void> {
  const uri = ctx.documents.set(docUri(name), markdown);
  await commands.executeCommand('markdown.showPreview', uri);
}

/**
 * The documents a versioned edit was computed on that have changed since (the user typed while
 * the server answered): applying it there would edit other text than the server saw.
 */
function staleDocuments(edit: { documentChanges?: unknown[] }): string[] {
  const stale: string[] = [];
  for (const change of edit.documentChanges ?? []) {
    const target = (change as { textDocument?: { uri?: string; version?: number | null } }).textDocument;
    if (!target?.uri || target.version === null || target.version === undefined) continue;
    const open = workspace.textDocuments.find((d) => d.uri.toString() === Uri.parse(target.uri!).toString());
    if (open && open.version !== target.version) stale.push(target.uri);
  }
  return stale;
}

async function addDevelopmentConfiguration(ctx: CommandContext, transport: Transport, arg: unknown): Promise<void> {
  const uri = targetUri(arg);
  if (!uri) {
    void window.showInformationMessage('Open the dext’s .entitlements file first.');
    return;
  }
  const client = runningClient(ctx);
  if (!client) return;
  const result = await client.sendRequest(AddDevelopmentConfigurationRequest, { uri: uri.toString(), transport });
  if (!result.edit) {
    void window.showInformationMessage(result.message ?? 'Nothing to add.');
    return;
  }
  if (staleDocuments(result.edit).length) {
    void window.showWarningMessage(`The ${transport.toUpperCase()} development configuration was not added: the file changed while it was computed. Run the command again.`);
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!(await workspace.applyEdit(edit))) {
    void window.showErrorMessage(`Could not add the ${transport.toUpperCase()} development configuration: the edit was rejected.`);
    return;
  }
  if (window.activeTextEditor?.document.uri.toString() !== uri.toString()) await window.showTextDocument(uri);
  if (result.message) void window.showInformationMessage(result.message);
}

async function showRuleDocumentation(ctx: CommandContext, arg: unknown): Promise<void> {
  const client = runningClient(ctx);
  if (!client) return;
  let id = typeof arg === 'string' && arg ? arg : undefined;
  if (!id) {
    const rules = await client.sendRequest(RulesRequest);
    const picked = await window.showQuickPick(
      rules.map((r) => ({ label: r.id, description: r.defaultSeverity, detail: r.summary })),
      { title: 'DEXT: Show Rule Documentation', placeHolder: 'Rule id', matchOnDetail: true },
    );
    id = picked?.label;
  }
  if (!id) return;
  const { markdown } = await client.sendRequest(RuleDocumentationRequest, { id });
  await showMarkdown(ctx, id, markdown);
}

/** Profiles the user can pick: those in the workspace and those in `dext.profiles`. */
async function profileCandidates(): Promise<Uri[]> {
  const found = await workspace.findFiles(PROFILE_GLOB, '**/{node_modules,build,DerivedData}/**', 200);
  const folder = workspace.workspaceFolders?.[0]?.uri;
  const configured = (workspace.getConfiguration('dext').get<string[]>('profiles') ?? [])
    .filter((p) => /\.(provisionprofile|mobileprovision)$/i.test(p))
    .map((p) => (p.startsWith('/') || !folder ? Uri.file(p) : Uri.joinPath(folder, p)));
  const unique = new Map<string, Uri>();
  for (const uri of [...found, ...configured]) unique.set(uri.toString(), uri);
  return [...unique.values()];
}

async function showProvisioningProfile(ctx: CommandContext, arg: unknown): Promise<void> {
  const client = runningClient(ctx);
  if (!client) return;
  let profile = arg instanceof Uri || typeof arg === 'string' ? targetUri(arg) : undefined;
  const active = window.activeTextEditor?.document.uri;
  if (!profile && active && /\.(provisionprofile|mobileprovision)$/i.test(active.path)) profile = active;
  if (!profile) {
    const candidates = await profileCandidates();
    if (!candidates.length) {
      void window.showInformationMessage('No provisioning profile (.provisionprofile, .mobileprovision) in the workspace or in the dext.profiles setting.');
      return;
    }
    const picked = await window.showQuickPick(
      candidates.map((uri) => ({ label: workspace.asRelativePath(uri), uri })),
      { title: 'DEXT: Show Provisioning Profile' },
    );
    profile = picked?.uri;
  }
  if (!profile) return;
  const result = await client.sendRequest(ShowProfileRequest, { uri: profile.toString() });
  if (!result.ok || result.content === undefined) {
    void window.showErrorMessage(result.error ?? `Could not read ${workspace.asRelativePath(profile)}.`);
    return;
  }
  const uri = ctx.documents.set(profileUri(profile), result.content);
  await window.showTextDocument(await workspace.openTextDocument(uri), { preview: true });
}

async function explain(ctx: CommandContext): Promise<void> {
  const client = runningClient(ctx);
  if (!client) return;
  const editor = window.activeTextEditor;
  let text = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
  if (!text) {
    text = await window.showInputBox({
      title: 'DEXT: Explain Error or Log Line',
      prompt: 'Paste an IOReturn code (0xE00002E2, -536870201), an Xcode error or a DriverKit log line.',
      ignoreFocusOut: true,
    });
  }
  if (!text?.trim()) return;
  const { markdown } = await client.sendRequest(ExplainRequest, { text });
  await showMarkdown(ctx, 'Explanation', markdown);
}

/** `dext.openLocation [uri, startOffset, endOffset]`: offsets are UTF-16 offsets into the document. */
async function openLocation(uriArg: unknown, start: unknown, end: unknown): Promise<void> {
  if (typeof uriArg !== 'string' || typeof start !== 'number') return;
  const document = await workspace.openTextDocument(Uri.parse(uriArg));
  const editor = await window.showTextDocument(document);
  const from = document.positionAt(start);
  const to = document.positionAt(typeof end === 'number' ? end : start);
  editor.selection = new Selection(from, to);
  editor.revealRange(new Range(from, to), TextEditorRevealType.InCenterIfOutsideViewport);
}

async function restart(ctx: CommandContext): Promise<void> {
  const client = ctx.client();
  if (!client) return;
  await client.restart();
  void window.setStatusBarMessage('DEXT language server restarted', 3000);
}

/** A command whose failure is an error message naming it, never an unhandled rejection. */
export const guarded =
  (name: string, fn: (...args: unknown[]) => Promise<void>) =>
  async (...args: unknown[]): Promise<void> => {
    try {
      await fn(...args);
    } catch (error) {
      void window.showErrorMessage(`DEXT: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

export function registerCommands(ctx: CommandContext): Disposable[] {
  return [
    commands.registerCommand('dext.addUsbDevelopmentConfiguration', guarded('Add USB Development Configuration', (arg) => addDevelopmentConfiguration(ctx, 'usb', arg))),
    commands.registerCommand('dext.addPciDevelopmentConfiguration', guarded('Add PCI Development Configuration', (arg) => addDevelopmentConfiguration(ctx, 'pci', arg))),
    commands.registerCommand('dext.showRuleDocumentation', guarded('Show Rule Documentation', (arg) => showRuleDocumentation(ctx, arg))),
    commands.registerCommand('dext.restartServer', guarded('Restart Language Server', () => restart(ctx))),
    commands.registerCommand('dext.showProvisioningProfile', guarded('Show Provisioning Profile', (arg) => showProvisioningProfile(ctx, arg))),
    commands.registerCommand('dext.explain', guarded('Explain Error or Log Line', () => explain(ctx))),
    commands.registerCommand('dext.openLocation', guarded('Open Location', openLocation)),
    commands.registerCommand('dext.showOutput', async () => ctx.showOutput()),
  ];
}
