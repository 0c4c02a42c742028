/**
 * Background jobs as bash lists them: `[N]+  Running   cmd &`, the current (`+`) and previous (`-`) job,
 * and job specs (`%N`, `%%`, `%+`, `%-`, a PID).
 */

export type JobState = "Running" | "Done" | "Terminated";

export interface Job {
  id: number;
  pid: number;
  source: string;
  state: JobState;
  exitCode: number;
  notified: boolean;
  controller: AbortController;
  done: Promise<void>;
  /** Where the job's output goes now (background sink, or the foreground io during `fg`). */
  sink: { out(t: string): void; err(t: string): void };
}

/** Jobs, most recent first ("+" then "-"). */
export function currentJobs(jobs: readonly Job[]): Job[] {
  return [...jobs].reverse();
}

/** bash's `jobs` line for a job. */
export function jobLine(jobs: readonly Job[], job: Job): string {
  const marks = currentJobs(jobs);
  const mark = job === marks[0] ? "+" : job === marks[1] ? "-" : " ";
  const state = job.state === "Done" && job.exitCode !== 0 ? `Exit ${job.exitCode}` : job.state;
  return `[${job.id}]${mark}  ${state.padEnd(24)}${job.source}${job.state === "Running" ? " &" : ""}`;
}

/** The job a job spec names, if any. */
export function findJob(jobs: readonly Job[], spec: string): Job | undefined {
  if (spec === "%%" || spec === "%+" || spec === "%") return currentJobs(jobs)[0];
  if (spec === "%-") return currentJobs(jobs)[1];
  const m = /^%(\d+)$/.exec(spec);
  if (m) return jobs.find((j) => j.id === Number(m[1]));
  if (/^\d+$/.test(spec)) return jobs.find((j) => j.pid === Number(spec));
  return undefined;
}
