/**
 * Where a command line's output goes: into the result (sanitized), to the terminal as it is produced, the
 * transient progress frame a terminal shows (each one replacing the last, never in the result), and the
 * output limit, past which the line is stopped with a note.
 */
import type { ExecOptions, ExecResult } from "../model/exec";
import { sanitize } from "./sanitize";

export class LineOutput {
  private size: number;
  truncated = false;
  /** The transient progress frame on the terminal: how many line breaks it spans, or -1 when none is shown. */
  private frameLines = -1;

  constructor(
    private readonly res: ExecResult,
    private readonly onOutput: ExecOptions["onOutput"],
    private readonly limit: number,
    private readonly shellName: string,
    /** Stops the line once the limit is hit. */
    private readonly stop: () => void,
  ) {
    this.size = res.stdout.length + res.stderr.length;
  }

  clearFrame(): void {
    if (this.frameLines < 0) return;
    this.onOutput?.({ stream: "stdout", text: `\r${this.frameLines > 0 ? `\u001b[${this.frameLines}A` : ""}\u001b[J` });
    this.frameLines = -1;
  }

  progress(frame: string): void {
    this.clearFrame();
    const clean = sanitize(frame);
    this.onOutput?.({ stream: "stdout", text: clean });
    this.frameLines = clean.split("\n").length - 1;
  }

  /**
   * Text that is not the line's own output (a background job's, already sanitized): shown as it comes and
   * kept in the result, but not counted against the line's output limit (a job has its own).
   */
  passThrough(text: string, stream: "stdout" | "stderr"): void {
    if (text === "") return;
    this.clearFrame();
    this.res[stream] += text;
    this.onOutput?.({ stream, text });
  }

  emit(text: string, stream: "stdout" | "stderr"): void {
    if (this.truncated || text === "") return;
    this.clearFrame();
    const clean = sanitize(text);
    if (this.size + clean.length > this.limit) {
      this.truncated = true;
      const keep = clean.slice(0, Math.max(0, this.limit - this.size));
      const note = `${keep.endsWith("\n") || keep === "" ? "" : "\n"}${this.shellName}: output stopped: more than ${this.limit} characters\n`;
      this.res[stream] += keep;
      this.res.stderr += note;
      this.onOutput?.({ stream, text: keep });
      this.onOutput?.({ stream: "stderr", text: note });
      this.stop();
      return;
    }
    this.size += clean.length;
    this.res[stream] += clean;
    this.onOutput?.({ stream, text: clean });
  }
}
