// Edits and lookups on .iig method annotations shared by the QUEUENAME rules.
import type { IigAnnotation, IigMethod } from '../workspace/classes';
import type { OffsetEdit } from '../types';

/** Removes an annotation and the spaces before it: `… override QUEUENAME(X);` → `… override;`. */
export function removeAnnotationEdit(text: string, annotation: IigAnnotation): OffsetEdit {
  let start = annotation.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: annotation.end, newText: '' };
}

export function queueAnnotation(method: IigMethod): IigAnnotation | undefined {
  return method.annotations.find((a) => a.name === 'QUEUENAME');
}

/**
 * True for a copy of one of Apple's own SDK headers (vendored into a project, as some do with
 * AudioDriverKit's): its leading comment carries Apple's copyright. Rules about what user code
 * must not write skip these.
 */
export function isAppleHeader(text: string): boolean {
  const head = text.slice(0, 600);
  return /^\s*\/[*/]/.test(head) && /Copyright \(c\) [0-9 ,-]+Apple Inc\./i.test(head);
}
