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
