import type { Rule } from '../types';
import { specReads } from '../../workspace/xcodegen';

export const xcodegenSpec: Rule = {
  meta: {
    id: 'xcodegen-spec',
    defaultSeverity: 'warning',
    appliesTo: ['xcodegen', 'yaml'],
    fixable: false,
    sources: [{ ref: 'https://github.com/yonaskolb/XcodeGen/blob/master/Docs/ProjectSpec.md', primary: false }],
    docs: {
      summary: 'An XcodeGen `project.yml` (or a file it includes) that XcodeGen would refuse or read differently than written.',
      what: 'Reports the problems found reading an XcodeGen spec: YAML that does not parse, an `include:` that names no file or includes a file back (a cycle), a property of the wrong type (XcodeGen refuses it or drops it silently), a dependency on a target the spec does not define, an unknown setting group. Each is shown where it is written, in `project.yml` or in the included file. A YAML file no spec includes is not read.',
      why: 'DEXT Tools reads the spec as the Xcode project XcodeGen generates from it (bundle ids from `bundleIdPrefix`, `configFiles` xcconfig files, which app embeds which dext): a part it cannot read is a part whose checks stay silent, and `xcodegen generate` stops at the same problem or generates a project without it.',
      example: '```yaml\ninclude:\n  - shared/base.yml   # shared/ was renamed\ntargets:\n  Driver:\n    type: driver-extension\n```',
      fix: 'Fix the YAML or the path; see the property in XcodeGen\'s ProjectSpec.md for the type it takes.',
      examples: {
        invalid: [{ files: { 'project.yml': 'name: Demo\ninclude:\n  - missing.yml\ntargets:\n  Driver:\n    type: driver-extension\n    platform: macOS\n' } }],
        valid: [{ files: { 'project.yml': 'name: Demo\ninclude:\n  - base.yml\ntargets:\n  Driver:\n    type: driver-extension\n    platform: macOS\n', 'base.yml': 'options:\n  bundleIdPrefix: com.example\n' } }],
      },
    },
  },
  check({ file, workspace, report }) {
    // A file several specs include has its problems once.
    const seen = new Set<string>();
    for (const spec of workspace.getModel().specs) {
      if (!specReads(spec, file)) continue;
      for (const problem of spec.problems) {
        if (problem.span.file !== file.path) continue;
        const key = `${problem.span.start}:${problem.span.end}:${problem.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report({ start: problem.span.start, end: Math.max(problem.span.start, problem.span.end), message: problem.message });
      }
    }
  },
};
