// Queue names the SDK declares (schemas/sdk-queues.jsonc): never "unused", never the project's
// typo; which are optional, which SDK methods carry them, and the family methods that run while a
// service starts.
import { loadSchema, type Confidence } from './load';

export interface SdkQueue {
  name: string;
  family: string | null;
  note: string;
  source: string;
  confidence: Confidence;
  verify?: boolean;
  /** Registration is optional: without it the methods run on the object's default queue. */
  optional?: boolean;
  /** SDK methods declared with QUEUENAME(name). */
  methods?: string[];
}

export interface StartPhase {
  family: string;
  methods: string[];
  source: string;
}

interface SdkQueuesSchema {
  queues: SdkQueue[];
  startPhase: StartPhase[];
}

export function sdkQueues(): readonly SdkQueue[] {
  return loadSchema<SdkQueuesSchema>('sdk-queues').queues;
}

/** Family methods the framework calls during start (a queue registered there is in time). */
export function startPhaseMethods(family: string): readonly string[] {
  return loadSchema<SdkQueuesSchema>('sdk-queues').startPhase.find((s) => s.family === family)?.methods ?? [];
}
