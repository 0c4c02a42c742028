/**
 * Nothing a user typed may reach the terminal as a raw control character: C0 controls (except newline and
 * tab) and DEL are shown in caret notation as bash's readline does (`^[` for ESC), C1 controls as `\u0080`.
 */
export function sanitize(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f]/g, (c) => {
    const n = c.charCodeAt(0);
    if (n < 0x20) return "^" + String.fromCharCode(n + 0x40);
    if (n === 0x7f) return "^?";
    return "\\u" + n.toString(16).padStart(4, "0");
  });
}
