// Queue names the SDK declares (schemas/sdk-queues.jsonc): never "unused", never the project's typo.
import { loadSchema } from './load';

export interface SdkQueue {
  name: string;
  family: string | null;
  note: string;
  verify?: boolean;
}

export function sdkQueues(): readonly SdkQueue[] {
  return loadSchema<{ queues: SdkQueue[] }>('sdk-queues').queues;
}
