// The `dext` settings: read with the shared protocol's `readSettings` from whatever the client
// sends (pull through workspace/configuration, or the pushed didChangeConfiguration payload).
import { readSettings } from '../../../../protocol/protocol';
import type { ServerContext } from './context';

function applySettings(context: ServerContext, section: unknown): void {
  const settings = readSettings(section);
  context.service.setSettings(settings);
  context.matching.setConfigured(settings.matchingDumps);
}

export async function fetchSettings(context: ServerContext): Promise<void> {
  if (!context.capabilities.configuration) {
    // The initialization options were all the client sent: read their dumps now the folders are known.
    context.matching.setConfigured(context.service.getSettings().matchingDumps);
    return;
  }
  try {
    applySettings(context, await context.connection.workspace.getConfiguration('dext'));
  } catch (error) {
    context.connection.console.warn(`dext: could not read settings: ${String(error)}`);
  }
}

export function registerSettings(context: ServerContext): void {
  context.connection.onDidChangeConfiguration(
    context.guard('configuration', undefined, (change) => {
      void (async () => {
        if (context.capabilities.configuration) await fetchSettings(context);
        else applySettings(context, (change.settings as { dext?: unknown } | null)?.dext);
        await context.publishAllYielding(context.service.fileUris());
      })();
    }),
  );
}
