// `dext/addDevelopmentConfiguration`: the edit behind the client's "Add USB/PCI Development
// Configuration" commands. The entitlements area offers the same edit as a code action; the
// command runs that action on the whole file, so there is one implementation of the insertion.
import type { WorkspaceEdit } from 'vscode-languageserver';
import type { LanguageService } from '../service';

export function addDevelopmentConfiguration(
  service: LanguageService,
  uri: string,
  transport: 'usb' | 'pci',
): { edit?: WorkspaceEdit; message?: string } {
  const file = service.workspace.get(uri);
  if (!file || service.workspace.kindOf(file) !== 'dext-entitlements') {
    return { message: 'Open the dext’s .entitlements file (the one with com.apple.developer.driverkit) to add a development configuration.' };
  }
  const end = file.document.positionAt(file.text.length);
  const title = new RegExp(`add ${transport} development configuration`, 'i');
  const action = service.doCodeActions(uri, { start: { line: 0, character: 0 }, end }).find((a) => title.test(a.title));
  if (!action?.edits) {
    return { message: `This file already has the ${transport.toUpperCase()} development configuration.` };
  }
  return { edit: { changes: action.edits } };
}
