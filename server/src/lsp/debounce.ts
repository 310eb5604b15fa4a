// Per-key debouncing: a burst of edits to one document runs its validation once, after the burst.
export class Debouncer {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; task: () => void }>();
  constructor(private readonly delayMs: number) {}

  run(key: string, task: () => void): void {
    const pending = this.timers.get(key);
    // A keystroke in a burst restarts the pending timer (no new timer per keystroke) with the newest task.
    if (pending) {
      pending.task = task;
      pending.timer.refresh();
      return;
    }
    const entry = {
      task,
      timer: setTimeout(() => {
        this.timers.delete(key);
        entry.task();
      }, this.delayMs),
    };
    this.timers.set(key, entry);
  }

  cancel(key: string): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(key);
  }

  cancelAll(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
