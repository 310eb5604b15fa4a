// Text mutations for property tests: insert, delete, swap, truncate and duplicate ranges.
import fc from 'fast-check';

export type Mutation = [at: number, length: number, text: string, op: 'insert' | 'delete' | 'swap' | 'truncate' | 'duplicate'];

export const mutationArbitrary = fc.tuple(fc.nat(), fc.nat({ max: 80 }), fc.string({ maxLength: 12 }), fc.constantFrom('insert', 'delete', 'swap', 'truncate', 'duplicate') as fc.Arbitrary<Mutation[3]>);

export function mutate(text: string, mutations: Mutation[]): string {
  let t = text;
  for (const [at, len, s, op] of mutations) {
    const p = at % (t.length + 1);
    if (op === 'insert') t = t.slice(0, p) + s + t.slice(p);
    else if (op === 'delete') t = t.slice(0, p) + t.slice(p + len);
    else if (op === 'truncate') t = t.slice(0, p);
    else if (op === 'duplicate') t = t.slice(0, p + len) + t.slice(p, p + len) + t.slice(p + len);
    else t = t.slice(p, p + len) + t.slice(0, p) + t.slice(p + len);
  }
  return t;
}

/** The same mutations on bytes (each inserted character becomes one byte of its code's low 8 bits). */
export function mutateBytes(bytes: Uint8Array, mutations: Mutation[]): Buffer {
  return Buffer.from(mutate(Buffer.from(bytes).toString('latin1'), mutations), 'latin1');
}
