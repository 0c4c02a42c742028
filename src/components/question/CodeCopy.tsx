"use client";

import { useEffect } from "react";

interface Labels {
  copy: string;
  copied: string;
  failed: string;
}

/**
 * Adds a copy button to each code block of the rendered answer inside `[data-markdown]`. Without
 * JavaScript the code stays plain, selectable text.
 */
export function CodeCopy({ labels }: { labels: Labels }) {
  useEffect(() => {
    const buttons: HTMLButtonElement[] = [];
    for (const pre of document.querySelectorAll<HTMLPreElement>("[data-markdown] pre")) {
      if (pre.querySelector(":scope > button")) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "code-copy";
      button.textContent = labels.copy;
      button.addEventListener("click", async () => {
        const code = pre.querySelector("code")?.textContent ?? "";
        try {
          await navigator.clipboard.writeText(code.replace(/\n$/, ""));
          button.textContent = labels.copied;
        } catch {
          button.textContent = labels.failed;
        }
        window.setTimeout(() => (button.textContent = labels.copy), 1600);
      });
      pre.append(button);
      buttons.push(button);
    }
    return () => buttons.forEach((b) => b.remove());
  }, [labels.copy, labels.copied, labels.failed]);
  return null;
}
