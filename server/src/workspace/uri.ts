// file: URIs and paths, without pulling vscode-uri into the bundle: the server only ever needs
// the file scheme's path and its reverse.
import { pathToFileURL, fileURLToPath } from 'node:url';

// The last uri asked for: a keystroke asks for the edited document's path on every validation,
// and parsing a file: URL (what fileURLToPath does) costs more than the validation's other steps.
let lastUri = '';
let lastPath = '';

export function uriToPath(uri: string): string {
  if (uri !== lastUri) {
    lastPath = pathOfUri(uri);
    lastUri = uri;
  }
  return lastPath;
}

function pathOfUri(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return decodeURIComponent(uri.slice('file://'.length));
    }
  }
  return uri;
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export { joinPath } from '../text/posix-path';

/** True when `path` is `folder` or inside it. */
export function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : folder + '/');
}
