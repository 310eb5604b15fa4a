// Read-only documents the extension shows (rule docs, explanations, decoded profiles): served from
// memory through a content provider, so nothing is written to disk and nothing can be edited.
import { EventEmitter, Uri, workspace, type Disposable, type TextDocumentContentProvider } from 'vscode';

export const DOC_SCHEME = 'dext-doc';
export const PROFILE_SCHEME = 'dext-profile';

export class VirtualDocuments implements TextDocumentContentProvider, Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registrations: Disposable[];

  constructor() {
    this.registrations = [
      workspace.registerTextDocumentContentProvider(DOC_SCHEME, this),
      workspace.registerTextDocumentContentProvider(PROFILE_SCHEME, this),
    ];
  }

  /** Stores (or replaces) a document's text; an open view of it refreshes. */
  set(uri: Uri, text: string): Uri {
    const key = uri.toString();
    const previous = this.contents.get(key);
    this.contents.set(key, text);
    if (previous !== undefined && previous !== text) this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
    this.changed.dispose();
  }
}

/** `dext-doc:/<name>.md`: the `.md` ending makes VS Code treat it as Markdown. */
export function docUri(name: string): Uri {
  return Uri.from({ scheme: DOC_SCHEME, path: `/${name.replace(/[^\w.-]+/g, '-')}.md` });
}

/** `dext-profile:/<profile name>.xml?<profile uri>`: one view per profile, shown as XML. */
export function profileUri(profile: Uri): Uri {
  const base = profile.path.slice(profile.path.lastIndexOf('/') + 1);
  return Uri.from({ scheme: PROFILE_SCHEME, path: `/${base}.xml`, query: profile.toString() });
}
