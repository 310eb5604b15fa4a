import { includePath } from '../../pbxproj/settings';
import { xcconfigOf } from '../../workspace/model';
import { existsOnDisk } from '../../workspace/scan';
import { pathToUri } from '../../workspace/uri';
import type { Workspace } from '../../workspace/workspace';
import type { Rule } from '../types';

/** Whether following `#include`s from `start` reaches `back` (iterative, each file once). */
function reaches(workspace: Workspace, start: string, back: string): boolean {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const path = stack.pop()!;
    if (path === back) return true;
    if (seen.has(path)) continue;
    seen.add(path);
    const file = workspace.get(pathToUri(path));
    if (file?.nameKind !== 'xcconfig') continue;
    for (const e of xcconfigOf(file).entries) {
      if (e.kind !== 'include') continue;
      const next = includePath(path, e.path);
      if (next) stack.push(next);
    }
  }
  return false;
}

export const xcconfigInclude: Rule = {
  meta: {
    id: 'xcconfig-include',
    defaultSeverity: 'error',
    appliesTo: ['xcconfig'],
    fixable: false,
    sources: [
      { ref: 'https://developer.apple.com/documentation/xcode/adding-a-build-configuration-file-to-your-project', primary: true },
    ],
    docs: {
      summary: 'An `#include` of an `.xcconfig` that does not exist, or that includes this file back.',
      what: 'Reports a plain `#include "…"` whose file does not exist (relative paths start at the including file\'s folder); `#include?` is for files that may be absent and is not reported. Also reports, as a warning and once per loop, an `#include` whose chain comes back to the including file: the settings would be read in a circle, and DEXT Tools reads each file once per chain.',
      why: 'Xcode stops the build when a plain `#include` names no file: its settings (bundle id, entitlements, Info.plist) are missing. A chain of includes that loops makes the final value of a setting depend on reading order nobody intended.',
      example: '```\n#include "Shared/Base.xcconfig"   // Shared/ was renamed\n```',
      fix: 'Fix the path, or write `#include?` for a file that may legitimately be absent (e.g. a developer\'s local overrides). Break the loop by moving the shared settings into a third file both include.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Driver.xcconfig': '#include "Shared/Base.xcconfig"\nPRODUCT_BUNDLE_IDENTIFIER = com.example.driver\n',
              'Driver/Common/Base.xcconfig': 'CODE_SIGN_STYLE = Automatic\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Driver.xcconfig': '#include "Common/Base.xcconfig"\nPRODUCT_BUNDLE_IDENTIFIER = com.example.driver\n',
              'Driver/Common/Base.xcconfig': 'CODE_SIGN_STYLE = Automatic\n',
            },
          },
        ],
      },
    },
  },
  check({ file, workspace, report }) {
    for (const entry of xcconfigOf(file).entries) {
      if (entry.kind !== 'include') continue;
      const target = includePath(file.path, entry.path);
      if (!target) continue;
      const included = workspace.get(pathToUri(target));
      if (!included && !existsOnDisk(target)) {
        if (!entry.optional) {
          report({
            start: entry.start,
            end: entry.end,
            message: `'${entry.path}' does not exist (${target}): Xcode stops the build at this #include, and the settings it should bring are missing. Write #include? if the file may be absent.`,
          });
        }
        continue;
      }
      // A loop is one problem: shown once, on the include that leads to the loop's first file by path.
      if (target <= file.path && reaches(workspace, target, file.path)) {
        report({
          start: entry.start,
          end: entry.end,
          severity: 'warning',
          message: `'${entry.path}' includes this file back: the includes form a loop. DEXT Tools reads each file once per chain; move the shared settings into a file both include.`,
        });
      }
    }
  },
};
