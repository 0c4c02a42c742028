/**
 * Plain limits shared by the page and the worker. No zod here: the worker imports this, and every module it
 * loads is on the path to the lab's first prompt.
 */

/** The terminal widths a command may be run at (xterm's fit gives the pane's). */
export const MIN_COLS = 10;
export const MAX_COLS = 500;
