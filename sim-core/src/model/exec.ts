/**
 * The one contract for running a line, shared by every layer that does (the shell session, the CLI's panes,
 * the sandbox and the lab's door): one options type and one result type.
 */

/** One chunk of output as a command produces it. */
export interface OutputChunk {
  stream: "stdout" | "stderr";
  text: string;
}

export interface ExecOptions {
  /** Attached to a terminal: commands may draw progress frames (escape sequences) as docker does on one. */
  tty?: boolean;
  /**
   * The terminal's width (with `tty`): docker wraps its help's option usages to it, as docker/cli does with
   * the terminal it finds on stdin. 80 when absent or without a terminal.
   */
  columns?: number;
  /** Ctrl-C: stops the foreground command. */
  signal?: AbortSignal;
  /** Output as it is produced (already sanitized; streams while virtual time passes, e.g. a ping line per second). */
  onOutput?: (chunk: OutputChunk) => void;
}

/** What one command line produced once it finished (final frames only, no ANSI escapes). */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Set when the line asked the terminal to clear its screen (`clear`); the UI acts on it. */
  clear?: boolean;
  /** Set when `exit` was typed on the pane's own host shell (the REPL ends; the browser terminal ignores it). */
  exit?: boolean;
}
