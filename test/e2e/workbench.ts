// Driving VS Code's workbench through its real UI: the command palette, Quick Open, the Problems
// panel, the editor. Every wait is on a selector or a polled condition, never a fixed delay.
import type { Locator, Page } from 'playwright-core';

export const UI_TIMEOUT = 30_000;

/** Polls `condition` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function until<T>(what: string, condition: () => Promise<T | undefined | false>, timeoutMs = UI_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** The visible text of an element, with the non-breaking spaces the editor renders made plain. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\u00a0/g, ' ');
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** Clicks into the workbench (a fresh profile's focus may be nowhere) and closes stray widgets. */
  async focus(): Promise<void> {
    await this.page.locator('.monaco-workbench .part.statusbar').click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press('Escape');
  }

  /** Runs a command by its palette title through F1 (`opensQuickInput`: the command asks for input). */
  async runCommand(title: string, { opensQuickInput = false } = {}): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    if (opensQuickInput) {
      // The palette's own entry goes away when the command's quick pick takes its place.
      await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ state: 'hidden' });
      return;
    }
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Opens a workspace file through Quick Open and waits for its editor tab to be active. */
  async openFile(relativePath: string): Promise<void> {
    const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    // The palette without its `>` is Quick Open: it searches files.
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible' });
    await this.editor().locator('.view-lines').waitFor({ state: 'visible' });
  }

  /** The active editor (the focused text editor of the editor area). */
  editor(): Locator {
    return this.page.locator('.editor-instance .monaco-editor').first();
  }

  /** Puts the cursor on a line (1-based) and column through "Go to Line/Column". */
  async goTo(line: number, column = 1): Promise<void> {
    await this.editor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /**
   * Accepts the focused suggestion showing `label` and waits for the editor to show `inserted`.
   * The suggest widget settles asynchronously: providers answer after each typed character
   * (Emmet's list is incomplete, so it is asked again), and an Enter that arrives while the list
   * is being replaced can find no focused row. So the row must stay focused over two looks before
   * Enter, and when the text does not come, suggestions are asked for again (Ctrl+Space), as a
   * user would, up to three times. (The CI failure that left the typed prefix on disk was
   * autosave, see code-server.ts; this guards the race that remains.)
   */
  async acceptSuggestion(label: string, inserted: string, beforeAccept?: () => Promise<unknown>): Promise<void> {
    const widget = this.page.locator('.suggest-widget');
    const row = widget.locator('.monaco-list-row.focused', { hasText: label });
    const lines = this.editor().locator('.view-lines');
    for (let attempt = 1; ; attempt++) {
      if (!(await widget.isVisible())) await this.page.keyboard.press('Control+Space');
      await until(`the suggestion “${label}” to be focused and settled`, async () => {
        if (!(await row.isVisible())) return false;
        const before = await widget.innerHTML();
        await new Promise((r) => setTimeout(r, 300));
        return (await row.isVisible()) && (await widget.innerHTML()) === before;
      });
      if (attempt === 1) await beforeAccept?.();
      await this.page.keyboard.press('Enter');
      const accepted = await until('the suggestion to be inserted', async () => (await textOf(lines)).includes(inserted), 3000).then(() => true, () => false);
      if (accepted) return;
      if (attempt === 3) throw new Error(`accepting “${label}” three times did not insert “${inserted}”`);
    }
  }

  /**
   * Saves the active editor once it holds an unsaved edit: an edit a command applies arrives
   * asynchronously (the client asks the server first), and a save before it saves nothing.
   */
  async save(): Promise<void> {
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'visible' });
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  }

  /** Opens the Problems panel and returns its text once `predicate` holds for it. */
  async problems(predicate: (text: string) => boolean, what: string, timeoutMs = UI_TIMEOUT): Promise<string> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await panel.waitFor({ state: 'visible' });
    return until(what, async () => {
      const text = await textOf(panel);
      return predicate(text) ? text : undefined;
    }, timeoutMs);
  }
}
