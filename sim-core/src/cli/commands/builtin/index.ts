/**
 * Shell builtins: help, history, clear, jobs, kill, fg, wait, ssh, exit, echo, sleep, true, false. Their
 * texts follow bash and GNU coreutils, which is what a learner's host shell prints.
 */
import type { Builtin } from "../../shell";
import { sshTarget } from "./ssh-target";

export type { Builtin };

const HELP = `Overlay Lab simulated shell. What works here:
  docker ...            the docker CLI (swarm, node, network, service, container commands); try docker --help
  ping, nslookup, curl  inside containers (docker exec <container> ping <name>)
  tcpdump, iptables     on hosts, for the underlay network
  ping node-N           on hosts too: the underlay between nodes (overlay addresses do not answer there)
  ssh node-N            log in to another host; exit comes back (and leaves a container shell)
  jobs, kill %N, fg, wait  background jobs started with &
  history, clear, echo, sleep N, true, false
Shell syntax: quotes, \\ escapes, # comments, ; && ||, $(...), $?, & (background),
| head -n N, | grep WORD, 2>&1, > /dev/null. Other pipes and redirections, variables and heredocs
are not supported in this simulator.
`;

/** OpenSSH's options that take an argument (ssh.c getopt string): the destination is the first word after them. */
const SSH_ARG_OPTIONS = "BbcDEeFIiJLlmOoPpRSWw";

/** ssh logins nest (exit comes back one level); this many deep at most. */
export const MAX_LOGINS = 16;

const sleepUnits: Record<string, number> = { "": 1000, s: 1000, m: 60000, h: 3600000, d: 86400000 };

export const BUILTINS: Record<string, Builtin> = {
  async help(_shell, _argv, io) {
    io.out(HELP);
    return 0;
  },
  async true() {
    return 0;
  },
  async false() {
    return 1;
  },
  async echo(_shell, argv, io) {
    let i = 1;
    let newline = true;
    let escapes = false;
    while (i < argv.length && /^-[neE]+$/.test(argv[i])) {
      for (const c of argv[i].slice(1)) {
        if (c === "n") newline = false;
        else if (c === "e") escapes = true;
        else escapes = false;
      }
      i++;
    }
    let text = argv.slice(i).join(" ");
    if (escapes) text = text.replace(/\\([ntr\\])/g, (_m, c: string) => ({ n: "\n", t: "\t", r: "\r", "\\": "\\" })[c]!);
    io.out(text + (newline ? "\n" : ""));
    return 0;
  },
  async history(shell, _argv, io) {
    io.out(shell.history().map((l, i) => `${String(i + 1).padStart(5)}  ${l}\n`).join(""));
    return 0;
  },
  async clear(_shell, _argv, _io, res) {
    if (res) res.clear = true;
    return 0;
  },
  async exit(shell, argv, io, res) {
    // Inside $(…) or a background job, exit only ends that subshell.
    const code = argv[1] === undefined ? shell.lastStatus : Number(argv[1]);
    if (argv[1] !== undefined && !/^-?\d+$/.test(argv[1])) {
      io.err(`${shell.shellName}: exit: ${argv[1]}: numeric argument required\n`);
      if (!res) return 2;
    }
    if (!res) return Number.isNaN(code) ? 2 : code & 255;
    const left = shell.leaveShell();
    const status = Number.isNaN(code) ? 2 : code & 255;
    left?.onExit?.(shell.opts.world, status);
    if (!left) res.exit = true;
    // bash's exit in a login shell prints "logout" (exit.def); ssh then reports the closed connection
    // on stderr (openssh clientloop.c: "Connection to %.64s closed.").
    else if (left.login) io.err(`logout\nConnection to ${left.via ?? left.host} closed.\n`);
    return status;
  },
  async sleep(shell, argv, io, _res, frame) {
    if (argv.length < 2) {
      io.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let total = 0;
    for (const a of argv.slice(1)) {
      // GNU sleep takes "inf"/"infinity" too (then the simulated time limit stops it).
      if (/^inf(inity)?$/i.test(a)) {
        total = Infinity;
        continue;
      }
      const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
      if (!m) {
        io.err(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      total += Number(m[1]) * sleepUnits[m[2]];
    }
    // A background job's sleep has no time limit (kill %N stops it).
    const limit = frame.background ? Infinity : shell.limits.time;
    await shell.sleepIn(frame, Math.min(total, limit), io.signal);
    if (io.signal.aborted) return 130;
    if (total > limit) {
      io.err(`${shell.shellName}: sleep: stopped after ${limit / 1000} s of simulated time (the limit for one command)\n`);
      return 124;
    }
    return 0;
  },
  async ssh(shell, argv, io, res, frame) {
    const sh = shell.nameIn(frame);
    if (shell.locationIn(frame).container) {
      io.err(`${sh}: ssh: not found\n`);
      return 127;
    }
    let at = 1;
    let port = "22";
    for (; at < argv.length && argv[at].startsWith("-") && argv[at] !== "-"; at++) {
      if (argv[at] === "--") {
        at++;
        break;
      }
      const a = argv[at];
      const j = [...a.slice(1)].findIndex((c) => SSH_ARG_OPTIONS.includes(c)) + 1;
      if (j === 0) continue;
      const value = j < a.length - 1 ? a.slice(j + 1) : argv[++at];
      if (a[j] === "p" && value !== undefined) port = value;
    }
    const target = argv[at];
    if (!target) {
      io.err("usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n");
      return 255;
    }
    const dest = target.includes("@") ? target.slice(target.indexOf("@") + 1) : target;
    const found = sshTarget(shell.opts.world, shell.opts.hosts(), shell.locationIn(frame).host, dest);
    if (found.kind === "unresolved") {
      io.err(`ssh: Could not resolve hostname ${dest}: Name or service not known\n`);
      return 255;
    }
    if (found.kind !== "host") {
      if (found.kind !== "refused") await shell.sleepIn(frame, found.after, io.signal);
      if (io.signal.aborted) return 130;
      const why = { refused: "Connection refused", "no-route": "No route to host", timeout: "Connection timed out" }[found.kind];
      io.err(`ssh: connect to host ${dest} port ${port}: ${why}\n`);
      return 255;
    }
    const host = found.host;
    const remote = argv.slice(at + 1);
    // `ssh node-2 hostname` runs the command there and stays here.
    if (remote.length > 0) return shell.runAt({ host }, remote, io, frame);
    if (!res) {
      io.err(`${shell.shellName}: ssh: an interactive login inside $(…) or a background job is not supported in this simulator\n`);
      return 2;
    }
    if (shell.logins >= MAX_LOGINS) {
      io.err(`${sh}: ssh: more than ${MAX_LOGINS} nested logins are not supported in this simulator; exit one first\n`);
      return 2;
    }
    // The login is the host's (its prompt too), whether a name or an address reached it; ssh names the destination as given.
    shell.switchHost(host, dest);
    return 0;
  },
  async jobs(shell, _argv, io) {
    for (const job of shell.jobs) {
      io.out(shell.jobLine(job) + "\n");
      if (job.state !== "Running") job.notified = true;
    }
    return 0;
  },
  async kill(shell, argv, io) {
    const sh = shell.shellName;
    const targets = argv.slice(1).filter((a, i, all) => !(a.startsWith("-") && a !== "-" ) && !(i > 0 && all[i - 1] === "-s"));
    if (targets.length === 0) {
      io.err(`${sh}: kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n`);
      return 2;
    }
    let code = 0;
    for (const t of targets) {
      const job = shell.findJob(t);
      if (!job) {
        if (t.startsWith("%")) io.err(`${sh}: kill: ${t}: no such job\n`);
        else if (/^\d+$/.test(t)) io.err(`${sh}: kill: (${t}) - No such process\n`);
        else io.err(`${sh}: kill: ${t}: arguments must be process or job IDs\n`);
        code = 1;
        continue;
      }
      if (job.state === "Running") {
        job.controller.abort("SIGTERM");
        await job.done;
      }
    }
    return code;
  },
  async fg(shell, argv, io, _res, frame) {
    const sh = shell.shellName;
    // What bash says where it has no job control: a background job is not an interactive shell.
    if (frame.background) {
      io.err(`${sh}: fg: no job control\n`);
      return 1;
    }
    const spec = argv[1] ?? "%+";
    const job = shell.findJob(spec);
    if (!job) {
      io.err(argv[1] === undefined ? `${sh}: fg: current: no such job\n` : `${sh}: fg: ${spec}: no such job\n`);
      return 1;
    }
    io.out(job.source + "\n");
    return shell.foreground(job, io);
  },
  /**
   * bash's `wait`: for every job (status 0) or the ones named (the last one's status; 127 for one that is
   * not a job), their output going on as they run. Waited-for jobs are not reported again (bash marks them
   * notified). Ctrl-C stops the waiting (130), not the jobs; so does the time limit for one command.
   */
  async wait(shell, argv, io, _res, frame) {
    const sh = shell.shellName;
    // A background job has no children of its own here.
    if (frame.background) return 0;
    const specs = argv.slice(1).filter((a) => a !== "--");
    const named = specs.map((spec) => {
      const job = shell.findJob(spec);
      if (job) return job;
      if (/^\d+$/.test(spec)) io.err(`${sh}: wait: pid ${spec} is not a child of this shell\n`);
      else if (spec.startsWith("%")) io.err(`${sh}: wait: ${spec}: no such job\n`);
      else io.err(`${sh}: wait: \`${spec}': not a pid or valid job spec\n`);
      return undefined;
    });
    const waited = specs.length > 0 ? named.filter((j) => j !== undefined) : [...shell.jobs];
    const how = await shell.waitFor(waited, io);
    if (how === "interrupted") return 130;
    if (how === "limit") {
      io.err(`${sh}: wait: stopped waiting after ${shell.limits.time / 1000} s of simulated time (the limit for one command); the jobs run on\n`);
      return 124;
    }
    for (const job of waited) job.notified = true;
    if (specs.length === 0) return 0;
    const last = named[named.length - 1];
    if (!last) return 127;
    return last.state === "Terminated" ? 143 : last.exitCode;
  },
};
