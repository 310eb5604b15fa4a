/** Runs `fn` with console output silenced: `plist.parse` prints xmldom warnings for some inputs. */
export function quietly<T>(fn: () => T): T {
  const { error, warn, log } = console;
  console.error = console.warn = console.log = () => {};
  try {
    return fn();
  } finally {
    Object.assign(console, { error, warn, log });
  }
}
