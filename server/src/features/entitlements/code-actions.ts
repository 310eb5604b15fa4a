// "Add USB development configuration" / "Add PCI development configuration" on a dext's
// entitlements: inserts driverkit.md §5's exact snippet (creating the key when missing, never
// duplicating it). The client's commands of the same names run this action on the whole file.
import { developmentConfigurationEdit } from '../../dext/development-transport';
import { matchTransports } from '../../knowledge/entitlements';
import type { CodeAction, CodeActionContext } from '../types';

export function entitlementCodeActions({ file, workspace }: CodeActionContext): CodeAction[] {
  if (workspace.kindOf(file) !== 'dext-entitlements') return [];
  const actions: CodeAction[] = [];
  for (const transport of matchTransports()) {
    const edit = developmentConfigurationEdit(file, transport);
    if (!edit) continue;
    actions.push({ title: `Add ${transport.name} development configuration`, kind: 'refactor', edits: { [file.uri]: [edit] } });
  }
  return actions;
}
