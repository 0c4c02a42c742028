import { describe, expect, it } from "vitest";
import { parseFlags } from "../../src/cli/flags";
import { flagUsages } from "../../src/cli/help";
import { buildTree, dispatch, helpText } from "../../src/cli/cobra";
import { tokenize } from "../../src/cli/tokenize";
import { makeShell, SPECS } from "./helpers";
import { Activity } from "../../src/cli/shell";

// docker --help's Global Options block, as docker 29 prints it at 80 columns.
const GLOBAL = `      --config string      Location of client config files (default
                           "/root/.docker")
  -c, --context string     Name of the context to use to connect to the
                           daemon (overrides DOCKER_HOST env var and
                           default context set with "docker context use")
  -D, --debug              Enable debug mode
  -H, --host list          Daemon socket to connect to
  -l, --log-level string   Set the logging level ("debug", "info",
                           "warn", "error", "fatal") (default "info")
      --tls                Use TLS; implied by --tlsverify
      --tlscacert string   Trust certs signed only by this CA (default
                           "/root/.docker/ca.pem")
      --tlscert string     Path to TLS certificate file (default
                           "/root/.docker/cert.pem")
      --tlskey string      Path to TLS key file (default
                           "/root/.docker/key.pem")
      --tlsverify          Use TLS and verify the remote
  -v, --version            Print version information and quit`;

const r = (stdout: string, stderr = "", exitCode = 0) => ({ stdout, stderr, exitCode });

describe("flag parser (pflag texts)", () => {
  const specs = SPECS[0].flags;
  it("parses long, short, combined, = forms, maps and --", () => {
    const p = parseFlags(specs, ["--attachable", "-d", "overlay", "-o", "encrypted", "--opt=k=v", "net", "--", "--x"]);
    expect(p.ok && p.args).toEqual(["net", "--x"]);
    expect(p.ok && p.flags.values).toMatchObject({ attachable: true, driver: "overlay", opt: { encrypted: "", k: "v" } });
    const q = parseFlags(specs, ["-doverlay", "--attachable=false", "--subnet", "10.0.0.0/24,10.1.0.0/24", "x"]);
    expect(q.ok && q.flags.values).toMatchObject({ driver: "overlay", attachable: false, subnet: ["10.0.0.0/24", "10.1.0.0/24"] });
  });
  it("returns pflag's error texts", () => {
    const err = (argv: string[], s = specs) => {
      const p = parseFlags(s, argv);
      return p.ok ? "ok" : p.error;
    };
    expect(err(["--foo"])).toBe("unknown flag: --foo");
    expect(err(["--foo=1"])).toBe("unknown flag: --foo");
    expect(err(["-x"])).toBe("unknown shorthand flag: 'x' in -x");
    expect(err(["-hx"])).toBe("unknown shorthand flag: 'x' in -x");
    expect(err(["--driver"])).toBe("flag needs an argument: --driver");
    expect(err(["-d"])).toBe("flag needs an argument: 'd' in -d");
    expect(err(["---x"])).toBe("bad flag syntax: ---x");
    expect(err(["--attachable=maybe"])).toBe('invalid argument "maybe" for "--attachable" flag: strconv.ParseBool: parsing "maybe": invalid syntax');
    expect(err(["--replicas", "abc"], SPECS[2].flags)).toBe('invalid argument "abc" for "--replicas" flag: strconv.ParseUint: parsing "abc": invalid syntax');
    expect(err(["--replicas", "-1"], SPECS[2].flags)).toBe('invalid argument "-1" for "--replicas" flag: strconv.ParseUint: parsing "-1": invalid syntax');
    expect(err(["--replicas=99999999999999999999999"], SPECS[2].flags)).toBe(
      'invalid argument "99999999999999999999999" for "--replicas" flag: strconv.ParseUint: parsing "99999999999999999999999": value out of range',
    );
  });
  it("stops at the first positional when not interspersed", () => {
    const p = parseFlags(SPECS[2].flags, ["-d", "nginx", "--name", "x"], { interspersed: false });
    expect(p.ok && [p.args, p.flags.get("name")]).toEqual([["nginx", "--name", "x"], ""]);
  });
  it("aligns help like pflag, with map defaults", () => {
    expect(flagUsages(SPECS[0].flags)).toBe(
      [
        "      --attachable       Enable manual container attachment",
        '  -d, --driver string    Driver to manage the Network (default "bridge")',
        "      --label list       Set metadata on a network",
        "  -o, --opt map          Set driver specific options (default map[])",
        "      --subnet strings   Subnet in CIDR format that represents a network",
        "                         segment",
      ].join("\n"),
    );
  });
});

describe("tokenizer", () => {
  it("handles quotes, escapes, comments and separators", () => {
    const t = tokenize(`echo 'a b' "c \\"d\\"" e\\ f # comment`);
    expect(t.ok && t.commands[0].words.map((w) => w.map((p) => (p.kind === "text" ? p.text : "?")).join(""))).toEqual(["echo", "a b", 'c "d"', "e f"]);
    const u = tokenize("a; b && c || d & e");
    expect(u.ok && u.commands.map((c) => [c.source, c.sep])).toEqual([["a", ";"], ["b", "&&"], ["c", "||"], ["d", "&"], ["e", ";"]]);
  });
  it("reports unsupported syntax and errors as data", () => {
    expect(tokenize("docker ps | sort")).toMatchObject({ ok: false, error: "pipes (|) other than `| head -n N` and `| grep WORD` are not supported in this simulator" });
    expect(tokenize("echo x > f")).toMatchObject({ ok: false, error: "redirections other than `2>&1` and `> /dev/null` are not supported in this simulator" });
    expect(tokenize("cat < f")).toMatchObject({ ok: false, error: "redirections other than `2>&1` and `> /dev/null` are not supported in this simulator" });
    expect(tokenize("cat <<EOF")).toMatchObject({ ok: false, error: "heredocs (<<) are not supported in this simulator" });
    expect(tokenize("| grep x")).toMatchObject({ ok: false, error: "syntax error near unexpected token `|'" });
    expect(tokenize("echo $HOME")).toMatchObject({ ok: false, error: "shell variables ($NAME) are not supported in this simulator" });
    expect(tokenize("echo 'x")).toMatchObject({ ok: false, error: "unexpected EOF while looking for matching `''" });
    expect(tokenize("; x")).toMatchObject({ ok: false, error: "syntax error near unexpected token `;'" });
    expect(tokenize("x &&")).toMatchObject({ ok: false, error: "syntax error: unexpected end of file" });
  });
});

describe("shell", () => {
  it("runs echo, $?, && and ||, continuation and $(…)", async () => {
    const { shell } = makeShell();
    expect(await shell.exec("false; echo $?")).toEqual(r("1\n"));
    expect(await shell.exec("false && echo no || echo yes")).toEqual(r("yes\n"));
    expect(await shell.exec("echo a \\\n b")).toEqual(r("a b\n"));
    expect(await shell.exec("echo [$(docker network ls -q)]")).toEqual(r("[abc123 def456]\n"));
    expect(await shell.exec('echo "[$(docker network ls -q)]"')).toEqual(r("[abc123\ndef456]\n"));
    expect(await shell.exec("echo $(echo $(echo deep))")).toEqual(r("deep\n"));
    expect(await shell.exec("echo $(false)$?")).toEqual(r("1\n"));
    expect(await shell.exec("echo a\nnope\necho c")).toEqual(r("a\nc\n", "bash: nope: command not found\n"));
  });
  it("prints bash's errors for unknown commands and syntax", async () => {
    const { shell } = makeShell();
    expect(await shell.exec("foo bar")).toEqual(r("", "bash: foo: command not found\n", 127));
    expect(await shell.exec("docker ps | wc -l")).toEqual(r("", "bash: pipes (|) other than `| head -n N` and `| grep WORD` are not supported in this simulator\n", 2));
    expect(await shell.exec("echo 'x")).toEqual(r("", "bash: unexpected EOF while looking for matching `''\n", 2));
  });
  it("runs | head and | grep, 2>&1 and > /dev/null", async () => {
    const { shell, clock } = makeShell();
    expect(await shell.exec("docker network ls -q | grep def")).toEqual(r("def456\n"));
    expect(await shell.exec("docker network ls -q | grep -v def | grep nothing")).toEqual(r("", "", 1));
    expect(await shell.exec("docker network ls -q | grep -i ABC")).toEqual(r("abc123\n"));
    // head stops an endless command after its lines, as SIGPIPE does
    expect(await shell.exec("tick | head -n 2")).toEqual(r("tick 1 at 1000\ntick 2 at 2000\n"));
    expect(clock.now()).toBe(2000);
    expect(await shell.exec("nope > /dev/null 2>&1; echo $?")).toEqual(r("127\n"));
    expect(await shell.exec("nope 2>&1 | grep found")).toEqual(r("bash: nope: command not found\n"));
    expect(await shell.exec("nope 2>/dev/null")).toEqual(r("", "", 127));
    expect(await shell.exec("echo hi >&2")).toEqual(r("", "hi\n"));
    // left to right, as bash applies them: stderr goes where stdout was, then stdout goes nowhere
    expect(await shell.exec("nope 2>&1 >/dev/null")).toEqual(r("bash: nope: command not found\n", "", 127));
  });
  it("enforces limits with their own messages", async () => {
    expect(await makeShell({ limits: { lineLength: 50 } }).shell.exec("echo " + "x".repeat(60))).toEqual(r("", "bash: line too long: 65 characters (the limit is 50)\n", 2));
    expect(await makeShell({ limits: { output: 20 } }).shell.exec("echo " + "y".repeat(30))).toEqual(r("y".repeat(20), "\nbash: output stopped: more than 20 characters\n", 1));
    const nested = "echo " + "$(echo ".repeat(12) + "x" + ")".repeat(12);
    expect((await makeShell().shell.exec(nested)).stderr).toBe("bash: $(…) nested too deeply (the limit is 8 levels)\n");
  });
  it("stops a foreground command at the simulated time limit", async () => {
    const { shell } = makeShell({ limits: { time: 3000 } });
    expect(await shell.exec("tick")).toEqual(
      r("tick 1 at 1000\ntick 2 at 2000\ntick 3 at 3000\n3 ticks\n", "bash: tick: stopped after 3 s of simulated time (the limit for one command)\n", 124),
    );
  });
  it("background jobs are not bound by the foreground limit", async () => {
    const { shell } = makeShell({ limits: { time: 3000 } });
    await shell.exec("tick &");
    await shell.exec("sleep 2.6");
    await shell.exec("sleep 2.6");
    expect(await shell.exec("kill %1")).toEqual(r("5 ticks\n", "[1]+  Terminated              tick\n"));
  });
  it("with a shared Activity, background jobs pause while no foreground command runs", async () => {
    const activity = new Activity();
    const { shell, clock } = makeShell({ activity });
    await shell.exec("tick &");
    // at most the sleep already set while the line ran fires; then the job waits
    for (let k = 0; k < 20; k++) await new Promise((res) => setTimeout(res, 0));
    expect(clock.now()).toBe(1000);
    expect(await shell.exec("sleep 2.5")).toEqual(r("tick 1 at 1000\ntick 2 at 2000\ntick 3 at 3000\n"));
    for (let k = 0; k < 20; k++) await new Promise((res) => setTimeout(res, 0));
    expect(clock.now()).toBe(4000);
    expect(await shell.exec("kill %1")).toMatchObject({ stderr: "[1]+  Terminated              tick\n" });
  });
  it("fg is bound by the time limit; the job then runs on in the background", async () => {
    const { shell } = makeShell({ limits: { time: 2500 } });
    await shell.exec("tick &");
    expect(await shell.exec("fg")).toEqual(
      r("tick\ntick 1 at 1000\ntick 2 at 2000\n", "bash: fg: stopped waiting after 2.5 s of simulated time (the limit for one command); [1] runs on in the background\n", 124),
    );
    expect(await shell.exec("jobs")).toEqual(r("[1]+  Running                 tick &\n"));
  });
  it("sleep is bound by the same limit", async () => {
    const { shell, clock } = makeShell({ limits: { time: 3000 } });
    expect(await shell.exec("sleep 1d")).toEqual(r("", "bash: sleep: stopped after 3 s of simulated time (the limit for one command)\n", 124));
    expect(clock.now()).toBe(3000);
    expect(await shell.exec("sleep infinity")).toEqual(r("", "bash: sleep: stopped after 3 s of simulated time (the limit for one command)\n", 124));
    expect(clock.now()).toBe(6000);
  });
  it("Ctrl-C (the signal) stops the foreground command", async () => {
    const { shell } = makeShell();
    const ac = new AbortController();
    const p = shell.exec("tick", { signal: ac.signal, onOutput: ({ text }) => text.startsWith("tick 2") && ac.abort() });
    expect(await p).toEqual(r("tick 1 at 1000\ntick 2 at 2000\n2 ticks\n"));
  });
  it("runs background jobs in virtual time with jobs, kill and fg", async () => {
    const { shell } = makeShell();
    expect(await shell.exec("tick &")).toEqual(r("", "[1] 4242\n"));
    expect(await shell.exec("jobs")).toEqual(r("[1]+  Running                 tick &\n"));
    expect(await shell.exec("sleep 2.5")).toEqual(r("tick 1 at 1000\ntick 2 at 2000\n"));
    const killed = await shell.exec("kill %1");
    expect(killed).toEqual(r("2 ticks\n", "[1]+  Terminated              tick\n"));
    expect(await shell.exec("kill %1")).toEqual(r("", "bash: kill: %1: no such job\n", 1));
    expect(await shell.exec("fg")).toEqual(r("", "bash: fg: current: no such job\n", 1));
    await shell.exec("tick -c 2 &");
    expect(await shell.exec("fg %1")).toEqual(r("tick -c 2\ntick 1 at 3500\ntick 2 at 4500\n2 ticks\n"));
  });
  it("ssh switches host and the prompt follows; unknown host fails like ssh", async () => {
    const { shell } = makeShell();
    expect(shell.prompt).toBe("node-1$ ");
    expect(await shell.exec("ssh node-2")).toEqual(r(""));
    expect(shell.prompt).toBe("node-2$ ");
    expect(await shell.exec("ssh node-9")).toEqual(r("", "ssh: Could not resolve hostname node-9: Name or service not known\n", 255));
    expect(await shell.exec("ssh node-3 nope")).toEqual(r("", "bash: nope: command not found\n", 127));
    expect(await shell.exec("ssh node-3 where; where")).toEqual(r("node-3\nnode-2\n"));
    expect(await shell.exec("echo $(ssh node-1)")).toEqual(
      r("\n", "bash: ssh: an interactive login inside $(…) or a background job is not supported in this simulator\n"),
    );
    expect(shell.prompt).toBe("node-2$ ");
    shell.enterShell({ host: "node-2", container: "abc" });
    expect(await shell.exec("foo")).toEqual(r("", "sh: foo: not found\n", 127));
    expect(await shell.exec("docker ps")).toEqual(r("", "sh: docker: not found\n", 127));
    // exit without a number returns the last status, as sh does
    expect(await shell.exec("exit")).toEqual(r("", "", 127));
    expect(shell.prompt).toBe("node-2$ ");
    shell.enterShell({ host: "node-2", container: "abc" });
    expect(await shell.exec("echo $(exit 3)$?; echo still")).toEqual(r("3\nstill\n"));
    expect(shell.prompt).toBe("/ # ");
    expect(await shell.exec("exit; echo after")).toEqual(r(""));
    // node-2 was an ssh login from node-1: exit comes back, with bash's "logout" (exit.def) and ssh's
    // "Connection to %.64s closed." (openssh clientloop.c)
    expect(await shell.exec("exit; echo after")).toEqual(r("", "logout\nConnection to node-2 closed.\n"));
    expect(shell.prompt).toBe("node-1$ ");
    expect(await shell.exec("exit; echo after")).toEqual({ ...r(""), exit: true });
  });
  it("ssh logins nest as ssh's do: each exit comes back one host, a container shell first", async () => {
    const { shell } = makeShell();
    await shell.exec("ssh node-2");
    await shell.exec("ssh node-3");
    expect(await shell.exec("where")).toEqual(r("node-3\n"));
    shell.enterShell({ host: "node-3", container: "abc" });
    expect(await shell.exec("exit")).toEqual(r(""));
    expect(shell.prompt).toBe("node-3$ ");
    expect(await shell.exec("exit")).toEqual(r("", "logout\nConnection to node-3 closed.\n"));
    expect(shell.prompt).toBe("node-2$ ");
    expect(await shell.exec("exit 4")).toEqual(r("", "logout\nConnection to node-2 closed.\n", 4));
    expect(shell.prompt).toBe("node-1$ ");
    for (let i = 0; i < 16; i++) await shell.exec("ssh node-2");
    expect(await shell.exec("ssh node-3")).toEqual(
      r("", "bash: ssh: more than 16 nested logins are not supported in this simulator; exit one first\n", 2),
    );
  });
  it("runTool runs a tool inside a container for docker exec, leaving the session where it was", async () => {
    const { shell } = makeShell();
    let out = "";
    const io = { out: (t: string) => (out += t), err: (t: string) => (out += t), signal: new AbortController().signal, tty: false };
    expect(await shell.runTool(["tick", "-c", "1"], { host: "node-1", container: "c1" }, io)).toBe(0);
    expect(out).toBe("tick 1 at 1000\n1 ticks\n");
    expect(await shell.runTool(["nslookup", "api"], { host: "node-1", container: "c1" }, io)).toBe("not-found");
    expect(shell.location).toEqual({ host: "node-1" });
  });
  it("progress frames replace each other on a terminal and never reach the result", async () => {
    const { shell } = makeShell();
    const chunks: string[] = [];
    const res = await shell.exec("converge", { tty: true, onOutput: ({ text }) => chunks.push(text) });
    expect(res).toEqual(r("overall progress: 2 out of 2 tasks\nverify: converged\n"));
    expect(chunks).toEqual([
      "overall progress: 0 out of 2 tasks\n1/2: preparing\n",
      "\r\u001b[2A\u001b[J",
      "overall progress: 1 out of 2 tasks\n1/2: running\n",
      "\r\u001b[2A\u001b[J",
      "overall progress: 2 out of 2 tasks\nverify: converged\n",
    ]);
    const plain: string[] = [];
    expect(await shell.exec("converge", { onOutput: ({ text }) => plain.push(text) })).toEqual(res);
    expect(plain).toEqual(["overall progress: 2 out of 2 tasks\nverify: converged\n"]);
  });
  it("history keeps the last 500 lines; a background job's output is capped with a note", async () => {
    const { shell } = makeShell({ limits: { output: 30 } });
    for (let i = 0; i < 505; i++) await shell.exec(`true ${i}`);
    const h = shell.history();
    expect([h.length, h[0], h[499]]).toEqual([500, "true 5", "true 504"]);
    expect(await shell.exec("tick -c 5 &")).toEqual(r("", "[1] 4242\n"));
    expect(await shell.exec("sleep 10")).toEqual(
      r("tick 1 at 1000\ntick 2 at 2000\n", "bash: [1] output stopped: more than 30 characters\n[1]+  Done                    tick -c 5\n"),
    );
  });
  it("history, clear, sleep errors", async () => {
    const { shell } = makeShell();
    await shell.exec("echo hi");
    expect(await shell.exec("history")).toEqual(r("    1  echo hi\n    2  history\n"));
    expect(await shell.exec("clear")).toEqual({ ...r(""), clear: true });
    expect(await shell.exec("sleep x")).toEqual(r("", "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n", 1));
  });
  it("never echoes raw control characters", async () => {
    const { shell } = makeShell();
    expect(await shell.exec("\u001b[31mfoo")).toEqual(r("", "bash: ^[[31mfoo: command not found\n", 127));
    expect(await shell.exec("echo '\u009b\u0007'")).toEqual(r("\\u009b^G\n"));
  });
});

describe("docker dispatcher (docker ≥ 28 usage errors)", () => {
  it("unknown command and subcommand", async () => {
    const { shell } = makeShell();
    expect(await shell.exec("docker foo")).toEqual(r("", "docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n", 1));
    expect(await shell.exec("docker network foo")).toEqual(
      r("", "docker: unknown command: docker network foo\n\nUsage:  docker network\n\nRun 'docker network --help' for more information\n", 1),
    );
  });
  it("flag errors exit 125 with the usage trailer", async () => {
    const { shell } = makeShell();
    expect(await shell.exec("docker network --foo")).toEqual(
      r("", "unknown flag: --foo\n\nUsage:  docker network\n\nRun 'docker network --help' for more information\n", 125),
    );
    expect(await shell.exec("docker network create --foo x")).toEqual(
      r("", "unknown flag: --foo\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nRun 'docker network create --help' for more information\n", 125),
    );
    expect(await shell.exec("docker service create --replicas abc nginx")).toEqual(
      r(
        "",
        'invalid argument "abc" for "--replicas" flag: strconv.ParseUint: parsing "abc": invalid syntax\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun \'docker service create --help\' for more information\n',
        125,
      ),
    );
  });
  it("argument counts", async () => {
    const { shell } = makeShell();
    expect(await shell.exec("docker network create")).toEqual(
      r("", "docker: 'docker network create' requires 1 argument\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nRun 'docker network create --help' for more information\n", 1),
    );
    expect(await shell.exec("docker service create")).toEqual(
      r("", "docker: 'docker service create' requires at least 1 argument\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker service create --help' for more information\n", 1),
    );
    expect(await shell.exec("docker network ls x")).toEqual(
      r("", "docker: 'docker network ls' accepts no arguments\n\nUsage:  docker network ls [OPTIONS]\n\nRun 'docker network ls --help' for more information\n", 1),
    );
    expect((await shell.exec("docker service logs")).stderr).toBe(
      "docker: 'docker service logs' requires at least 1 and at most 2 arguments\n\nUsage:  docker service logs [OPTIONS] SERVICE|TASK\n\nRun 'docker service logs --help' for more information\n",
    );
  });
  it("runs leaves through aliases, with interspersed off for service create", async () => {
    const { shell } = makeShell();
    expect(await shell.exec("docker network list -q")).toEqual(r("abc123\ndef456\n"));
    expect(await shell.exec("docker service create -d --name web nginx --name x")).toEqual(r("svc web 0 [nginx,--name,x]\n"));
    expect(await shell.exec("docker network create -d overlay --attachable -o encrypted net1")).toEqual(
      r('created net1 driver=overlay attachable=true opt={"encrypted":""}\n'),
    );
  });
  it("-h is deprecated but works; docker help TOPIC; unknown root flag", async () => {
    const { shell } = makeShell();
    const h = await shell.exec("docker network ls -h");
    expect(h).toEqual({ ...(await shell.exec("docker network ls --help")), stderr: "Flag shorthand -h has been deprecated, use --help\n" });
    expect(await shell.exec("docker help network ls")).toEqual(await shell.exec("docker network ls --help"));
    expect(await shell.exec("docker help nothing")).toEqual(r("", "unknown help topic: nothing\n", 1));
    expect(await shell.exec("docker -D --log-level debug network ls -q")).toEqual(r("abc123\ndef456\n"));
    expect(await shell.exec("docker -l")).toEqual(r("", "flag needs an argument: 'l' in -l\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n", 125));
    expect(await shell.exec("docker --foo")).toEqual(r("", "unknown flag: --foo\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n", 125));
  });
  it("help for a leaf, a management command and the root", async () => {
    const { shell } = makeShell();
    expect(await shell.exec("docker network ls --help")).toEqual(
      r("Usage:  docker network ls [OPTIONS]\n\nList networks\n\nAliases:\n  docker network ls, docker network list\n\nOptions:\n  -q, --quiet   Only display network IDs\n"),
    );
    expect(await shell.exec("docker network")).toEqual(
      r("Usage:  docker network COMMAND\n\nManage networks\n\nCommands:\n  create      Create a network\n  ls          List networks\n\nRun 'docker network COMMAND --help' for more information on a command.\n"),
    );
    const root = await shell.exec("docker");
    expect(root).toEqual(
      r(
        `Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nManagement Commands:\n  network     Manage networks\n\nSwarm Commands:\n  service     Manage Swarm services\n\nGlobal Options:\n${GLOBAL}\n\nRun 'docker COMMAND --help' for more information on a command.\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n`,
      ),
    );
  });
});

describe("docker --version", () => {
  it("prints the root's version line", async () => {
    const tree = buildTree("docker", "A self-sufficient runtime for containers", [], SPECS, "Docker version 29.0.1, build 1a2b3c4");
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push("ERR " + t), signal: new AbortController().signal, tty: false };
    const { shell } = makeShell();
    const ctx = { world: {} as never, host: "node-1", argv: [], sleep: async () => {}, now: () => 0, session: shell };
    expect(await dispatch(tree, ["docker", "-v"], { ctx, io })).toBe(0);
    expect(await dispatch(tree, ["docker", "--version", "ps"], { ctx, io })).toBe(0);
    expect(out).toEqual(["Docker version 29.0.1, build 1a2b3c4\n", "Docker version 29.0.1, build 1a2b3c4\n"]);
  });
});

describe("root help sections", () => {
  it("lists category-top leaves under Common Commands in their order, other leaves under Commands", () => {
    const leaf = (name: string, short: string, top?: number) => ({ ...SPECS[1], path: [name], use: name, short, aliases: [], top });
    const tree = buildTree("docker", "A self-sufficient runtime for containers", [{ path: ["network"], short: "Manage networks" }, { path: ["empty"], short: "No subcommands" }], [
      leaf("ps", "List containers", 3),
      leaf("run", "Create and run a new container from an image", 1),
      leaf("rename", "Rename a container"),
      leaf("attach", "Attach local standard input, output, and error streams to a running container"),
      SPECS[1],
    ]);
    expect(helpText(tree)).toBe(
      `Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n  run         Create and run a new container from an image\n  ps          List containers\n\nManagement Commands:\n  network     Manage networks\n\nCommands:\n  attach      Attach local standard input, output, and error streams to a running container\n  rename      Rename a container\n\nGlobal Options:\n${GLOBAL}\n\nRun 'docker COMMAND --help' for more information on a command.\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n`,
    );
  });
});
