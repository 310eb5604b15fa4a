// The plists XcodeGen writes (workspace/xcodegen.ts) are checked like any Info.plist or
// entitlements file, but nobody edits them: what they hold is written in the spec. Their findings
// are shown there, each at the property that wrote what the finding is about, else at the target's
// `info:` / `entitlements:` key (a key XcodeGen adds itself, or one that is missing).
import type { DextDiagnostic, Range } from '../../types';
import type { WorkspaceFile } from '../../workspace/files';
import { pathToUri } from '../../workspace/uri';
import type { Workspace } from '../../workspace/workspace';
import { specReads, specSpanOfGenerated, type GeneratedPlist } from '../../workspace/xcodegen';
import type { YamlSpan } from '../../xcodegen';

/** The generated plists of the model by URI (findings of other files may point into them). */
function generatedByUri(workspace: Workspace): ReadonlyMap<string, GeneratedPlist> {
  return workspace.derived('generated-plists-by-uri', (ws) => new Map([...ws.getModel().generated.values()].map((g) => [g.file.uri, g])), []);
}

/** Where in the spec a range of a generated plist comes from. */
function specSpanOf(generated: GeneratedPlist, range: Range): YamlSpan {
  return specSpanOfGenerated(generated, generated.file.document.offsetAt(range.start));
}

/** The generated plist at `uri`, if it is one (findings of other files may point into it). */
export function generatedFileAt(workspace: Workspace, uri: string): WorkspaceFile | undefined {
  return generatedByUri(workspace).get(uri)?.file;
}

/**
 * A location as the user can open it: one in a generated plist becomes the spec text that wrote
 * it; undefined when the location is not in a generated plist.
 */
export function locationInSpec(workspace: Workspace, uri: string, range: Range): { uri: string; range: Range } | undefined {
  const generated = generatedByUri(workspace).get(uri);
  if (!generated) return undefined;
  const span = specSpanOf(generated, range);
  return { uri: pathToUri(span.file), range: span.range };
}

/**
 * The findings of the plists that the specs reading `specFile` (a `project.yml` or a file one
 * includes) make XcodeGen write, those that belong in `specFile`. `validate` checks one plist.
 */
export function generatedFindings(workspace: Workspace, specFile: WorkspaceFile, validate: (file: WorkspaceFile) => DextDiagnostic[]): DextDiagnostic[] {
  const out: DextDiagnostic[] = [];
  for (const generated of workspace.getModel().generated.values()) {
    const spec = generated.spec;
    if (!specReads(spec, specFile)) continue;
    for (const d of validate(generated.file)) {
      const span = specSpanOf(generated, d.range);
      if (span.file !== specFile.path) continue;
      // Related locations in generated plists are already the spec's (validation.ts).
      out.push({
        ...d,
        message: `${generated.path.path}, as XcodeGen writes it from \`${generated.what}:\`: ${d.message}`,
        range: span.range,
        // Edits of the generated text would be undone by the next `xcodegen generate`; fixes that
        // edit other files only stay.
        fixes: d.fixes.filter((f) => f.edits.every((e) => e.uri !== undefined)),
      });
    }
  }
  return out;
}
