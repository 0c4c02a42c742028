"use client";

import { useEffect, type RefObject } from "react";

/**
 * Code blocks of rendered Markdown scroll sideways on narrow screens; keyboard users must reach and
 * scroll them too, so each <pre> under `root` becomes a named, focusable region. Runs again when
 * `deps` change (new HTML).
 */
export function useFocusableCode(root: RefObject<HTMLElement | null>, label: string, deps: unknown[]) {
  useEffect(() => {
    const pres = root.current?.querySelectorAll("pre") ?? [];
    pres.forEach((pre, i) => {
      pre.tabIndex = 0;
      pre.setAttribute("role", "region");
      pre.setAttribute("aria-label", pres.length > 1 ? `${label} ${i + 1}` : label);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what brings new HTML
  }, [root, label, ...deps]);
}
