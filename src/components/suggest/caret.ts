/**
 * Where a character of a textarea sits vertically, measured by a hidden copy laid out like it (same
 * width, font, padding, wrapping) holding the text up to that character: its height is the top of the
 * caret's line. Lets the form scroll a long Answer to a section's heading, with wrapped lines counted.
 */
const COPIED = [
  "boxSizing",
  "width",
  "paddingTop",
  "paddingRight",
  "paddingBottom",
  "paddingLeft",
  "borderTopWidth",
  "borderRightWidth",
  "borderBottomWidth",
  "borderLeftWidth",
  "borderStyle",
  "fontFamily",
  "fontSize",
  "fontWeight",
  "fontStyle",
  "letterSpacing",
  "lineHeight",
  "tabSize",
  "whiteSpace",
  "wordBreak",
  "overflowWrap",
  "wordSpacing",
  "textIndent",
  "textTransform",
  "overflowY",
] as const;

/** Pixels from the top of the textarea's content to the top of the line holding `offset`. */
export function lineTopOf(textarea: HTMLTextAreaElement, offset: number): { top: number; lineHeight: number } {
  const style = getComputedStyle(textarea);
  const copy = document.createElement("textarea");
  copy.setAttribute("aria-hidden", "true");
  copy.tabIndex = -1;
  for (const property of COPIED) copy.style[property] = style[property];
  copy.style.position = "absolute";
  copy.style.visibility = "hidden";
  copy.style.left = "-10000px";
  copy.style.top = "0";
  copy.style.height = "0";
  copy.style.minHeight = "0";
  // Same width as the field's text area: its vertical scrollbar (if any) takes room in both.
  copy.style.width = `${textarea.getBoundingClientRect().width}px`;
  copy.value = textarea.value.slice(0, offset);
  document.body.appendChild(copy);
  const fontSize = parseFloat(style.fontSize) || 16;
  const lineHeight = parseFloat(style.lineHeight) || fontSize * 1.2;
  const paddings = (parseFloat(style.paddingTop) || 0) + (parseFloat(style.paddingBottom) || 0);
  // The copy's last line is the caret's line (a text ending in "\n" shows an empty line there).
  const top = Math.max(0, copy.scrollHeight - paddings - lineHeight);
  copy.remove();
  return { top, lineHeight };
}

/** Caret at `offset`, that line near the top of the field, and the field (with its label) in view. */
export function focusAt(textarea: HTMLTextAreaElement, offset: number, scrollTarget: HTMLElement | null): void {
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(offset, offset);
  const { top, lineHeight } = lineTopOf(textarea, offset);
  textarea.scrollTop = Math.max(0, top - lineHeight);
  // Below the sticky site header (two or three rows tall on a phone), not under it. The header can
  // still grow as its account menu hydrates: place again when it does, for the first few seconds.
  const target = scrollTarget ?? textarea;
  const header = document.querySelector("body > header");
  const place = () => {
    target.style.scrollMarginTop = `${(header?.getBoundingClientRect().height ?? 0) + 12}px`;
    target.scrollIntoView({ block: "start" });
  };
  place();
  if (header && typeof ResizeObserver !== "undefined") {
    const observer = new ResizeObserver(() => {
      if (document.activeElement === textarea) place();
    });
    observer.observe(header);
    window.setTimeout(() => observer.disconnect(), 3_000);
  }
}
