// Per-key debouncing: a burst of edits to one document runs its validation once, after the burst.
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  constructor(private readonly delayMs: number) {}

  run(key: string, task: () => void): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        task();
      }, this.delayMs),
    );
  }

  cancel(key: string): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
  }

  cancelAll(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
