// Validation against the SARIF 2.1.0 JSON schema shipped as test data (draft-04, so Ajv's draft-04
// build; ajv-formats for the uri and date-time formats the schema uses).
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { fixturePath } from '../helpers/workspace';

let validator: ((log: unknown) => string[]) | undefined;

/** The schema violations of a SARIF log, as `instancePath message` lines (none when valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(fixturePath('sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
    // unicodeRegExp off: the schema's `language` pattern has a stray `]`, valid only without the
    // `u` flag (as JSON Schema's ECMA-262 patterns were read when the schema was written).
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    validator = (value) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));
  }
  return validator(log);
}
