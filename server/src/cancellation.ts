// Long work of the core (the workspace scan, parsing what the model reads, explaining a big log,
// matching every personality) is written as steps, so that a server can give the event loop a
// turn every few milliseconds: requests are answered meanwhile, and a `$/cancelRequest` can reach
// the work at all (it is a message: it is read only when the event loop turns). The core knows
// nothing of LSP: a caller's wish to stop is the flag below, which vscode-languageserver's
// CancellationToken satisfies as it is, and the adapter combines with its own (shutdown).

/** Asked between steps of long work: true once whoever wanted the result no longer does. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export const NOT_CANCELLED: Cancellation = { isCancellationRequested: false };

/** Long work stopped because its Cancellation asked; the adapter answers RequestCancelled. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/**
 * Long work as a generator: each `yield` ends a step of bounded cost (one file read, one file
 * parsed, a thousand log lines). `runToEnd` runs it at once, `runInSlices` with turns of the event loop.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once (the CLI and the synchronous API have no one to answer meanwhile). */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Longest stretch of sliced work between two turns of the event loop: what a request waits at
 * most, besides the step in progress (the bound is 100 ms; a turn costs microseconds).
 */
export const SLICE_MS = 10;

export interface SliceOptions {
  cancel?: Cancellation;
  sliceMs?: number;
  /** At most this many steps per slice, however fast they are (publishing: messages queued between two drains). */
  maxSteps?: number;
  /**
   * Awaited at each turn besides the turn itself: publishing waits there until the messages it
   * queued are written, so an answer queued after them waits behind one slice of them, not all.
   */
  drain?: () => Promise<unknown>;
}

/**
 * Turns of the event loop a slice ends with. An answer takes several: the request is read (I/O),
 * then handled (vscode-jsonrpc handles one message per turn), then written (one message per turn
 * again). With one turn per slice, each of those steps waited a whole slice of work.
 */
const TURNS_PER_YIELD = 4;

/** A few turns of the event loop, I/O included (incoming messages are read in them). */
export async function nextTurn(): Promise<void> {
  for (let i = 0; i < TURNS_PER_YIELD; i++) await new Promise((resolve) => setImmediate(resolve));
}

function stop(steps: Steps<unknown>): never {
  // Runs the generator's `finally` blocks, if any, before giving up.
  steps.return(undefined);
  throw new CancelledError();
}

/**
 * Runs the steps, with a turn of the event loop whenever a slice of `sliceMs` has been spent, and
 * `cancel` asked after each turn: rejects with CancelledError as soon as it says so.
 */
export async function runInSlices<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T> {
  const { cancel = NOT_CANCELLED, sliceMs = SLICE_MS, maxSteps = Infinity, drain } = options;
  if (cancel.isCancellationRequested) stop(steps);
  let sliceStart = performance.now();
  let stepsInSlice = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (++stepsInSlice < maxSteps && performance.now() - sliceStart < sliceMs) continue;
    await (drain ? Promise.all([drain(), nextTurn()]) : nextTurn());
    if (cancel.isCancellationRequested) stop(steps);
    sliceStart = performance.now();
    stepsInSlice = 0;
  }
}

/**
 * What `promise` resolves to, waited for while `cancel` is asked every slice: rejects with
 * CancelledError as soon as it says so (the work behind the promise goes on for its other waiters).
 */
export async function untilSettled<T>(promise: Promise<T>, cancel: Cancellation = NOT_CANCELLED): Promise<T> {
  let settled = false;
  const settle = () => (settled = true);
  promise.then(settle, settle);
  while (!settled) {
    if (cancel.isCancellationRequested) throw new CancelledError();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([promise.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, SLICE_MS)))]);
    clearTimeout(timer);
  }
  return promise;
}
