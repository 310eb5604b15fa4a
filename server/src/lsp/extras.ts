// The server's custom requests that reach beyond diagnostics: profiles and explanations.
import { explainText as explainMarkdown } from '../explain';
import { describeProfile } from '../profiles';
import type { Workspace } from '../workspace/workspace';

export function describeProfileFile(workspace: Workspace, uri: string): { ok: boolean; content?: string; error?: string } {
  const file = workspace.get(uri);
  if (!file?.bytes) return { ok: false, error: `${uri} is not a provisioning profile in the workspace.` };
  const described = describeProfile(file.bytes);
  return described.ok ? { ok: true, content: `${described.summary}\n${described.plistText}` } : { ok: false, error: described.error };
}

export function explainText(text: string, workspace: Workspace): string {
  return explainMarkdown(text, workspace);
}
