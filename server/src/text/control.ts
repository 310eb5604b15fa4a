// Text from files (keys, values, names) goes to terminals and line-oriented logs: C0 and C1
// control characters in it could clear the screen, retitle the window or forge a line. They are
// shown as `\x1b`-style escapes instead.

// C0 (except tab), DEL and C1.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** `s` with every control character but tab written as `\xNN`. */
export function escapeControl(s: string): string {
  return s.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Whether `s` holds a control character other than tab. */
export function hasControl(s: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(s);
}
