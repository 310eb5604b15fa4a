// The VS Code extension: a thin client. It starts the bundled language server and forwards the
// commands; every check lives in the server (server/src), shared with the CLI.
import { window, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerMatchingCommands } from './matching';
import { createLanguageClient } from './language-client';
import { ScanStatusNotification } from '../../protocol/protocol';
import { ScanStatusItem } from './scan-status';
import { VirtualDocuments } from './virtual-documents';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const outputChannel = window.createOutputChannel('DEXT', { log: true });
  const documents = new VirtualDocuments();
  const scanStatus = new ScanStatusItem();
  context.subscriptions.push(outputChannel, documents, scanStatus);
  const commandContext = { client: () => client, documents, showOutput: () => outputChannel.show(true) };
  context.subscriptions.push(...registerCommands(commandContext), ...registerMatchingCommands(commandContext));

  client = createLanguageClient(context, outputChannel);
  // Registered before start so the first scan's notification is not missed, and kept across restarts.
  context.subscriptions.push(client.onNotification(ScanStatusNotification, (status) => scanStatus.update(status)));
  try {
    await client.start();
  } catch (error) {
    outputChannel.error(`DEXT language server failed to start: ${error instanceof Error ? error.stack : String(error)}`);
    void window.showErrorMessage('The DEXT language server failed to start; see the DEXT output for details.');
  }
}

/** Stops the server (VS Code waits for this promise before it shuts the extension host down). */
export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  await stopping?.stop().catch(() => undefined);
}
