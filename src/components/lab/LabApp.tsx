"use client";

import "@xterm/xterm/css/xterm.css";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { DEFAULT_NODES, freshViews, MAX_NODES, MIN_NODES, type FromWorker, type ToWorker, type LogEntry, type PaneView, type SessionCore } from "@/lib/lab/protocol";
import { fitScript, pendingScriptSchema, RUN_PARAM, type PendingScript } from "@/lib/lab/script";
import { decodeShare, encodeShare, fromBase64Url, MAX_SHARE_LENGTH, SHARE_PARAM } from "@/lib/lab/share";
import { exerciseSessionKey, FREE_LAB_KEY, loadSession, loadSessionNow, saveSession, streamTail, type SessionSource } from "@/lib/lab/store";
import { saveFile } from "@/lib/browser/save-file";
import { TopologyStore } from "@/components/topology/store";
import TopologyPanel from "@/components/topology/TopologyPanel";
import { WorkerLink } from "./controller";
import styles from "./lab.module.css";
import { PaneTerminal } from "./pane-terminal";
import { labWorker } from "./worker";

const newSeed = () => Math.random().toString(36).slice(2, 10);
const TYPE_DELAY_MS = 18;

interface Running {
  panes: string[];
  fastForward: boolean;
  captures: string[];
  files: Record<string, string[]>;
}

type Status = { kind: "info" | "error"; text: string; link?: string } | null;

/** Reads `#s=…` (a share link) or `#run=…` (an article block) from the address, once. */
const SCREEN_READER_KEY = "overlay-lab:screen-reader";
function readScreenReader(): boolean {
  if (screenReaderUnsaved !== null) return screenReaderUnsaved;
  try {
    return window.localStorage.getItem(SCREEN_READER_KEY) === "1";
  } catch {
    return false; // storage refused (a private window's policy): the box starts unticked
  }
}
/** Ticked in a browser whose storage refuses it: held for this visit only. */
let screenReaderUnsaved: boolean | null = null;
const screenReaderListeners = new Set<() => void>();
function subscribeScreenReader(listener: () => void) {
  screenReaderListeners.add(listener);
  return () => void screenReaderListeners.delete(listener);
}
function writeScreenReader(on: boolean) {
  try {
    if (on) window.localStorage.setItem(SCREEN_READER_KEY, "1");
    else window.localStorage.removeItem(SCREEN_READER_KEY);
    screenReaderUnsaved = null;
  } catch {
    screenReaderUnsaved = on;
  }
  for (const listener of screenReaderListeners) listener();
}

function readFragment(): { share?: string; run?: string } {
  const params = new URLSearchParams(window.location.hash.slice(1));
  return { share: params.get(SHARE_PARAM) ?? undefined, run: params.get(RUN_PARAM) ?? undefined };
}

function decodeRun(value: string): PendingScript | null {
  const bytes = fromBase64Url(value);
  if (!bytes) return null;
  try {
    const parsed = pendingScriptSchema.safeParse(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What the lab does for the exercise it runs, handed to the step panel it renders beside the panes. */
export interface ExerciseLabControls {
  send(message: ToWorker): void;
  ask: WorkerLink["ask"];
  /** Commands run so far (the learner's, not the start state's). */
  commands: number;
  /** Starts the exercise again from its start state. */
  reset(): void;
}

/** An exercise in the lab: its start state boots instead of a free cluster, and its panel sits beside the panes. */
export interface LabExercise {
  slug: string;
  onStatus(m: Extract<FromWorker, { type: "exercise-status" }>): void;
  panel(controls: ExerciseLabControls): ReactNode;
}

/** Renders the exercise's panel with the lab's controls (a component of its own, so the panel renders as one). */
function PanelSlot({ render, ...controls }: ExerciseLabControls & { render: LabExercise["panel"] }) {
  return <>{render(controls)}</>;
}

performance.mark("lab:ui-loaded");

/** `paneLabels`: each node's pane name, node-1 first (src/server/lab/pane-labels.ts). */
export default function LabApp({ locale, exercise, paneLabels }: { locale: string; exercise?: LabExercise; paneLabels: readonly string[] }) {
  const t = useTranslations("lab");
  const exerciseSlug = exercise?.slug;
  const storeKey = exerciseSlug ? exerciseSessionKey(exerciseSlug) : FREE_LAB_KEY;
  // A returning learner's session, read synchronously from its localStorage copy: the panes are in the first
  // render, drawn with what they showed, and take keys while the worker starts and replays the log.
  const [saved] = useState(() => loadSessionNow(storeKey));
  /** Taken by the first boot; a later one reads the store again. */
  const savedForBoot = useRef(saved);
  // A first visit (nothing saved in this browser; not an exercise, whose start state is its own): a new cluster,
  // whose panes show only their prompts. They are drawn at once and take keys while the worker boots it.
  const [firstVisit] = useState<SessionCore | null>(() => (saved || exerciseSlug ? null : { seed: newSeed(), nodes: DEFAULT_NODES, log: [] }));
  const [session, setSession] = useState<SessionCore | null>(saved ?? firstVisit);
  const [active, setActive] = useState("node-1");
  const [running, setRunning] = useState<Running>({ panes: [], fastForward: false, captures: [], files: {} });
  const [status, setStatus] = useState<Status>(null);
  const [shared, setShared] = useState<SessionCore | null>(null);
  const [source, setSource] = useState<SessionSource | null>(saved?.source ?? null);
  const [typing, setTyping] = useState(false);
  // Kept in this browser; the server renders the box unticked (the client's value follows hydration).
  const screenReader = useSyncExternalStore(subscribeScreenReader, readScreenReader, () => false);
  const [nodeChoice, setNodeChoice] = useState(DEFAULT_NODES);
  /** The learner chose a node count since the last boot: the boot's "ready" leaves their choice alone. */
  const nodeChoiceTouched = useRef(false);
  const [topology] = useState(() => new TopologyStore());
  // The topology beside the panes is rendered after the first pane's terminal is drawn: the prompt first.
  const [besideReady, setBesideReady] = useState(false);
  useEffect(() => {
    const id = requestAnimationFrame(() => setTimeout(() => setBesideReady(true)));
    return () => cancelAnimationFrame(id);
  }, []);

  const link = useRef<WorkerLink | null>(null);
  const panes = useRef(new Map<string, PaneTerminal>());
  const paneViews = useRef<Record<string, PaneView>>(saved?.views ? structuredClone(saved.views) : firstVisit ? freshViews(firstVisit.nodes) : {});
  const histories = useRef<Record<string, string[]>>(saved?.history ?? {});
  const sessionRef = useRef<SessionCore | null>(null);
  const sourceRef = useRef<SessionSource | null>(saved?.source ?? null);
  const doneWaiters = useRef(new Map<string, () => void>());
  const stopTyping = useRef(false);
  /** Where "Run in lab" is: the pane it types into, and whether it is typing a line or waiting for its command. */
  const scriptAt = useRef<{ node: string; phase: "typing" | "running" } | null>(null);
  const pendingRun = useRef<PendingScript | null>(null);
  /** `startScript` of the latest render, for the worker's "ready". */
  const startScriptRef = useRef<((script: PendingScript) => Promise<void>) | null>(null);
  const replayStarted = useRef(0);
  /** The session last sent to boot: its "ready" (not an earlier boot's) announces the replay. */
  const booting = useRef<SessionCore | null>(null);
  /** What the panes were drawn with before the worker answered (the saved views): kept if the replay agrees. */
  const bootViews = useRef<Record<string, PaneView>>({});
  /**
   * The lines run at a drawn prompt before the worker's "ready" (each with its prompt, as the pane echoed it): the
   * worker runs them after it, so the views it sends lack them, and the screen saved from those views would too.
   */
  const typedBeforeReady = useRef<Record<string, string>>({});
  /** Boots sent: a first visit's slow IndexedDB read that answers after another cluster was started is not used. */
  const boots = useRef(0);
  /**
   * A first visit's read of IndexedDB has not answered yet: nothing is saved until it has, so that a session it
   * holds without a localStorage copy (dropped when storage was full) is not overwritten by the new cluster.
   */
  const readingStore = useRef(false);
  /** The names, IDs and addresses of the topology element pointed at, lit up in the panes' last output. */
  const highlightTerms = useRef<string[] | null>(null);

  const exerciseRef = useRef(exercise);
  useEffect(() => {
    exerciseRef.current = exercise;
  }, [exercise]);

  // Tabs of the same lab share one saved session, and the last to save wins: each tells the others when it
  // changes the session, and they say so instead of overwriting it silently.
  const otherTabs = useRef<BroadcastChannel | null>(null);
  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(`overlay-lab:${storeKey}`);
    otherTabs.current = channel;
    channel.onmessage = (e: MessageEvent<unknown>) => {
      if ((e.data as { type?: unknown } | null)?.type === "changed") setStatus({ kind: "info", text: t("status.otherTab") });
    };
    return () => {
      channel.close();
      otherTabs.current = null;
    };
  }, [storeKey, t]);
  const tellOtherTabs = () => otherTabs.current?.postMessage({ type: "changed" });

  const persist = useCallback(() => {
    const s = sessionRef.current;
    if (!s || readingStore.current) return;
    const views = Object.fromEntries(Object.entries(paneViews.current).map(([id, v]) => [id, { stream: streamTail(v.stream), prompt: v.prompt }]));
    void saveSession({ version: 1, ...s, history: histories.current, source: sourceRef.current, views }, storeKey).catch(() => undefined);
  }, [storeKey]);

  /**
   * Starts the worker on a session. The panes are drawn at once — with the views saved last time, if any —
   * and take keys while the worker loads and replays; commands typed meanwhile run when it is ready.
   */
  const boot = useCallback((core: SessionCore, views: Record<string, PaneView> = {}) => {
    replayStarted.current = performance.now();
    performance.mark("lab:boot");
    booting.current = core;
    bootViews.current = views;
    typedBeforeReady.current = {};
    nodeChoiceTouched.current = false;
    boots.current++;
    paneViews.current = Object.fromEntries(Object.entries(views).map(([id, v]) => [id, { ...v }]));
    setSession(core);
    link.current?.send(exerciseSlug ? { type: "exercise-boot", slug: exerciseSlug, session: core } : { type: "boot", session: core });
  }, [exerciseSlug]);

  /** A new cluster's panes show only their prompts: drawn at once, they take keys while it boots. */
  const bootFresh = useCallback(
    (core: SessionCore) => {
      const views = freshViews(core.nodes);
      boot(core, views);
      return views;
    },
    [boot],
  );

  const typeScript = useCallback(async (script: PendingScript) => {
    const l = link.current!;
    setTyping(true);
    setStatus(null);
    stopTyping.current = false;
    sourceRef.current = script.source;
    setSource(script.source);
    for (const step of script.steps) {
      if (stopTyping.current) break;
      const node = panes.current.has(step.node) ? step.node : "node-1";
      const pane = panes.current.get(node)!;
      setActive(node);
      scriptAt.current = { node, phase: "typing" };
      const { line } = await l.ask<"resolved">({ type: "resolve", pane: node, line: step.line });
      for (const ch of Array.from(line)) {
        if (stopTyping.current) break;
        pane.input(ch);
        await new Promise((r) => setTimeout(r, TYPE_DELAY_MS));
      }
      if (stopTyping.current) break;
      const done = new Promise<void>((resolve) => doneWaiters.current.set(node, resolve));
      scriptAt.current = { node, phase: "running" };
      pane.input("\r");
      await done;
    }
    scriptAt.current = null;
    setTyping(false);
  }, []);

  /**
   * Stops "Run in lab": no more keys. With `interrupt` (the Stop button), the line half typed is cleared, so
   * Enter cannot run half a command, and the command it started is interrupted, as Ctrl-C would; without (a new
   * cluster replaces the panes), the script only lets go of the command it waited for.
   */
  const stopScript = useCallback((interrupt: boolean) => {
    const at = scriptAt.current;
    stopTyping.current = true;
    if (!at) return;
    if (interrupt && at.phase === "typing") panes.current.get(at.node)?.input("\u0015");
    if (interrupt && at.phase === "running") panes.current.get(at.node)?.input("\u0003");
    if (!interrupt) {
      doneWaiters.current.get(at.node)?.();
      doneWaiters.current.delete(at.node);
    }
  }, []);

  const onMessage = useCallback(
    (m: Exclude<FromWorker, { id: number }>) => {
      switch (m.type) {
        case "ready": {
          performance.mark("lab:worker-ready");
          const expected = booting.current;
          // The ready of a cluster replaced since it was asked for (New cluster pressed while a first visit's cluster
          // still booted): the one asked for last follows, and this one would only flash the old panes back.
          if (!exerciseSlug && expected !== null && (expected.seed !== m.session.seed || expected.nodes !== m.session.nodes)) return;
          const announce = expected !== null && expected.seed === m.session.seed && expected.log.length === m.session.log.length;
          if (announce) booting.current = null;
          sessionRef.current = m.session;
          paneViews.current = { ...m.panes };
          setSession(m.session);
          // A first visit's prompt takes input before the cluster has booted: a count chosen meanwhile stays.
          if (!nodeChoiceTouched.current) setNodeChoice(m.session.nodes);
          // Panes are created by mountPane once React has rendered their elements; those drawn from the saved
          // views keep what they show (and any keys typed since) when the replay agrees with it.
          const early = bootViews.current;
          bootViews.current = {};
          for (const [id, pane] of panes.current) {
            const v = m.panes[id];
            if (v && !(early[id] && early[id].stream === v.stream && early[id].prompt === v.prompt)) pane.reset(v, histories.current[id] ?? []);
          }
          // Kept after the comparison above, which is of the screens before anything was typed: a pane that agrees
          // keeps its line and waits for that command's output.
          if (announce) {
            for (const [id, text] of Object.entries(typedBeforeReady.current)) {
              const v = paneViews.current[id];
              if (v) paneViews.current[id] = { ...v, stream: v.stream + text };
            }
            typedBeforeReady.current = {};
          }
          persist();
          if (announce && m.session.log.length > 0) {
            const text = t("status.restored", { count: m.session.log.length, ms: Math.round(performance.now() - replayStarted.current) });
            // An error already shown (a damaged share link) stays: the restored session is not news beside it.
            setStatus((shown) => (shown?.kind === "error" ? shown : { kind: "info", text }));
          }
          const run = pendingRun.current;
          pendingRun.current = null;
          if (run) setTimeout(() => void startScriptRef.current?.(run), 50);
          return;
        }
        case "output": {
          panes.current.get(m.pane)?.output(m.text);
          const v = paneViews.current[m.pane];
          if (v) v.stream += m.text;
          return;
        }
        case "done":
          panes.current.get(m.pane)?.done(m.prompt, m.clear);
          // What the topology points at is looked for again in the new output.
          panes.current.get(m.pane)?.highlight(highlightTerms.current);
          if (paneViews.current[m.pane]) paneViews.current[m.pane] = { ...paneViews.current[m.pane], prompt: m.prompt };
          sessionRef.current = { ...sessionRef.current!, log: m.log };
          setSession(sessionRef.current);
          persist();
          tellOtherTabs();
          doneWaiters.current.get(m.pane)?.();
          doneWaiters.current.delete(m.pane);
          return;
        case "progress":
          // Saved, not drawn: a reload now replays the running command up to this moment, then its ^C. One from
          // before a boot (a new cluster) is of the session being replaced.
          if (!sessionRef.current || booting.current) return;
          sessionRef.current = { ...sessionRef.current, log: m.log };
          persist();
          return;
        case "running":
          setRunning({ panes: m.panes, fastForward: m.fastForward, captures: m.captures, files: m.files });
          return;
        case "save":
          saveFile(m.name, m.bytes, "application/vnd.tcpdump.pcap");
          return;
        case "error":
          setStatus({ kind: "error", text: t("status.error", { message: m.message }) });
          return;
        case "topology":
        case "packets":
          topology.receive(m);
          return;
        case "exercise-status":
          exerciseRef.current?.onStatus(m);
          return;
      }
    },
    [persist, t, topology, exerciseSlug],
  );

  const onMessageRef = useRef(onMessage);
  useEffect(() => {
    onMessageRef.current = onMessage;
  }, [onMessage]);

  // The worker, and the session to start with: a share link (after confirmation), the saved one, or a new cluster.
  useEffect(() => {
    const l = new WorkerLink(labWorker(), (m) => onMessageRef.current(m));
    link.current = l;
    const mounted = panes.current;
    let cancelled = false;
    void (async () => {
      // An exercise page takes no share link or script: its start state is the exercise's.
      const fragment = exerciseSlug ? {} : readFragment();
      // Read before any boot: its script starts when the worker is ready.
      if (fragment.run) {
        const run = decodeRun(fragment.run);
        history.replaceState(null, "", window.location.pathname + window.location.search);
        if (run) pendingRun.current = run;
        else setStatus({ kind: "error", text: t("status.runMalformed") });
      }
      // A first visit's cluster boots at once, without waiting for IndexedDB (a new profile opens it slowly).
      const drawnFresh = firstVisit && !savedForBoot.current ? bootFresh(firstVisit) : null;
      const bootsBefore = boots.current;
      readingStore.current = drawnFresh !== null;
      const read = savedForBoot.current ?? (await loadSession(storeKey).finally(() => (readingStore.current = false)));
      savedForBoot.current = null;
      // A first visit's read can answer late (a new profile opens IndexedDB slowly): a cluster the learner has
      // started meanwhile is newer than what it holds.
      const stored = drawnFresh && boots.current !== bootsBefore ? null : read;
      performance.mark("lab:session-loaded");
      if (cancelled) return;
      // What was run on the new cluster meanwhile is saved now.
      if (drawnFresh && !stored) persist();
      if (stored) {
        histories.current = stored.history;
        sourceRef.current = stored.source;
        setSource(stored.source);
      }
      const fresh: SessionCore = stored ?? firstVisit ?? { seed: newSeed(), nodes: DEFAULT_NODES, log: [] };
      if (fragment.share) {
        const decoded = await decodeShare(fragment.share);
        if (cancelled) return;
        history.replaceState(null, "", window.location.pathname + window.location.search);
        if (decoded.ok) setShared(decoded.session);
        else setStatus({ kind: "error", text: t(decoded.error === "too-large" ? "status.shareTooLarge" : "status.shareMalformed") });
      }
      // A session IndexedDB held without a localStorage copy (dropped when storage was full) replaces the new
      // cluster drawn meanwhile: the panes show its replay.
      if (!drawnFresh) boot(fresh, stored?.views);
      else if (stored) boot(stored, drawnFresh);
    })();
    return () => {
      cancelled = true;
      for (const p of mounted.values()) p.dispose();
      mounted.clear();
    };
  }, [boot, bootFresh, t, exerciseSlug, storeKey, firstVisit, persist]);

  // A share or "Run in lab" link pasted into the address bar of an open lab changes only the fragment: the
  // page starts again on it, as a new visit would (the share link's preview first).
  useEffect(() => {
    if (exerciseSlug) return;
    const onHash = () => {
      const fragment = readFragment();
      if (fragment.share !== undefined || fragment.run !== undefined) window.location.reload();
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [exerciseSlug]);

  const host = useRef({
    exec: (pane: string, line: string, columns: number) => {
      const v = paneViews.current[pane];
      const echo = `${v?.prompt ?? ""}${line}\r\n`;
      if (v) v.stream += echo;
      if (booting.current) typedBeforeReady.current[pane] = (typedBeforeReady.current[pane] ?? "") + echo;
      link.current?.send({ type: "exec", pane, line, columns });
    },
    interrupt: (pane: string) => {
      stopTyping.current = true;
      link.current?.send({ type: "interrupt", pane });
    },
    complete: async (pane: string, line: string, cursor: number) => {
      const c = await link.current!.ask<"completion">({ type: "complete", pane, line, cursor });
      return { start: c.start, candidates: c.candidates };
    },
    history: (pane: string, history: string[]) => {
      histories.current = { ...histories.current, [pane]: history };
    },
    fastForward: () => link.current?.send({ type: "fast-forward" }),
  });

  const exerciseSend = useCallback((m: ToWorker) => link.current?.send(m), []);
  const exerciseAsk = useCallback<WorkerLink["ask"]>((m) => link.current!.ask(m), []);

  const highlight = useCallback((terms: string[] | null) => {
    highlightTerms.current = terms;
    for (const p of panes.current.values()) p.highlight(terms);
  }, []);

  const labelFor = useCallback((node: string) => paneLabels[Number(node.slice(5)) - 1] ?? node, [paneLabels]);

  // Panes made later take the current screen-reader flag; existing ones are switched in place.
  const screenReaderRef = useRef(screenReader);
  useEffect(() => {
    screenReaderRef.current = screenReader;
    for (const p of panes.current.values()) p.setScreenReader(screenReader);
  }, [screenReader]);

  const activeRef = useRef(active);
  useEffect(() => {
    activeRef.current = active;
    // A pane made active by focus inside it (Tab onto its Capture button) keeps that focus.
    if (document.getElementById(`pane-${active}`)?.contains(document.activeElement)) return;
    panes.current.get(active)?.focus();
  }, [active]);

  // The key row of narrow screens, sticky at the bottom of the window: the focused pane keeps its cursor above it.
  const keyRowRef = useRef<HTMLDivElement>(null);
  const coveredFrom = useCallback(() => {
    const row = keyRowRef.current?.getBoundingClientRect();
    return row && row.height > 0 ? row.top : null;
  }, []);

  /** Panes whose terminal is made after the first one is on screen. */
  const deferred = useRef(new Set<string>());

  /**
   * Mounts a terminal into a pane element when React renders it. The first pane's terminal is made at once;
   * the others after it has been drawn, one per task, so the learner's prompt is not kept waiting for
   * terminals beside it (making one costs tens of milliseconds).
   */
  const mountPane = useCallback(
    (id: string) => (el: HTMLDivElement | null) => {
      if (!el || panes.current.has(id) || deferred.current.has(id)) return;
      const create = () => {
        if (panes.current.size === 0) performance.mark("lab:first-pane");
        const pane = new PaneTerminal(id, el, host.current, {
          history: histories.current[id] ?? [],
          label: labelFor(id),
          screenReader: screenReaderRef.current,
          coveredFrom,
        });
        panes.current.set(id, pane);
        // Focused before its screen is written: xterm draws every row at once when it takes focus, and an empty
        // screen costs nothing to draw; the written screen is drawn once, in the terminal's next frame.
        if (id === activeRef.current) pane.focus();
        const v = paneViews.current[id];
        if (v) pane.reset(v);
        pane.highlight(highlightTerms.current);
      };
      if (panes.current.size === 0 && deferred.current.size === 0) return create();
      deferred.current.add(id);
      requestAnimationFrame(() =>
        setTimeout(() => {
          deferred.current.delete(id);
          // Gone meanwhile (another cluster, fewer nodes, the lab left): nothing to make.
          if (el.isConnected && !panes.current.has(id)) create();
        }),
      );
    },
    [labelFor, coveredFrom],
  );

  useEffect(() => {
    if (!session) return;
    for (const [id, pane] of panes.current) {
      if (Number(id.slice(5)) > session.nodes) {
        pane.dispose();
        panes.current.delete(id);
      }
    }
  }, [session]);

  const busy = running.panes.length > 0;

  const newCluster = (nodes: number, seed = newSeed()) => {
    // A "Run in lab" typing, or about to, is for the cluster being replaced.
    pendingRun.current = null;
    stopScript(false);
    tellOtherTabs();
    histories.current = {};
    sourceRef.current = null;
    setSource(null);
    setStatus(null);
    sessionRef.current = null;
    // An exercise's start state is its own, drawn when the worker answers.
    if (exerciseSlug) return boot({ seed, nodes, log: [] });
    const views = bootFresh({ seed, nodes, log: [] });
    for (const [id, pane] of panes.current) if (views[id]) pane.reset(views[id], []);
  };

  /**
   * "Run in lab" fitted to this cluster, then typed: a block that needs a swarm gets a `docker swarm init`
   * first in a cluster without one; a block that starts a swarm, in a cluster that has one, would fail, so
   * the learner is offered a new cluster for it (which types it once ready).
   */
  const startScript = async (script: PendingScript) => {
    const facts = await link.current!.ask<"swarm">({ type: "swarm" });
    const fit = fitScript(script.steps, facts);
    const current = sessionRef.current;
    if (fit.fresh && current && window.confirm(t("source.freshCluster"))) {
      newCluster(current.nodes);
      pendingRun.current = script;
      return;
    }
    await typeScript({ ...script, steps: fit.steps });
  };
  useEffect(() => {
    startScriptRef.current = startScript;
  });

  const onUndo = () => {
    if (busy) return setStatus({ kind: "info", text: t("status.busy") });
    if (!session || session.log.length === 0) return setStatus({ kind: "info", text: t("status.nothingToUndo") });
    link.current?.send({ type: "undo" });
    tellOtherTabs();
    setStatus({ kind: "info", text: t("status.undone") });
  };

  const onShare = async () => {
    if (!session) return;
    const encoded = await encodeShare(session);
    if (!encoded.ok) return setStatus({ kind: "error", text: t("status.shareTooLong", { length: encoded.length, limit: MAX_SHARE_LENGTH }) });
    const url = `${window.location.origin}/${locale}/lab#${SHARE_PARAM}=${encoded.value}`;
    const copied = await navigator.clipboard?.writeText(url).then(() => true, () => false);
    setStatus({ kind: "info", text: copied ? t("status.shareCopied") : t("status.shareReady"), link: url });
  };

  const onExport = () => {
    if (!session) return;
    const text = [...panes.current.values()]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((p) => `===== ${p.id} =====\n${p.text()}\n`)
      .join("\n");
    saveFile(`overlay-lab-${session.seed}.txt`, text, "text/plain;charset=utf-8");
  };

  const onCapture = (node: string) => {
    if (running.captures.includes(node)) {
      void link.current!.ask<"file">({ type: "capture-stop", host: node }).then((f) => {
        if (f.bytes) {
          saveFile(f.name, f.bytes, "application/vnd.tcpdump.pcap");
          setStatus({ kind: "info", text: t("status.captureSaved", { name: f.name }) });
        }
      });
    } else link.current?.send({ type: "capture-start", host: node });
  };

  const keyRow = (data: string) => {
    const pane = panes.current.get(active);
    pane?.input(data);
    pane?.focus();
  };

  const nodes = session ? Array.from({ length: session.nodes }, (_, i) => `node-${i + 1}`) : [];

  return (
    <div className={styles.app} data-exercise={exercise ? "" : undefined}>
      {source && (
        <p className={styles.source} data-testid="lab-source">
          {t("source.from")} <strong>{source.title}</strong> — <a href={source.href}>{t("source.back")}</a>
        </p>
      )}

      <div className={styles.toolbar} role="toolbar" aria-label={t("toolbar.label")}>
        {/* What stops or speeds up what runs comes first: on a phone the toolbar scrolls sideways. */}
        {typing && (
          <button type="button" className={styles.stop} onClick={() => stopScript(true)} data-testid="stop-typing">
            ■ {t("toolbar.stop")}
          </button>
        )}
        <button type="button" onClick={() => link.current?.send({ type: "fast-forward" })} disabled={!busy} aria-pressed={running.fastForward} data-testid="fast-forward">
          ▶▶ {t("toolbar.fastForward")}
        </button>
        {!exercise && (
          <>
            <label className={styles.nodes}>
              {t("toolbar.nodes")}{" "}
              <select
                value={nodeChoice}
                onChange={(e) => {
                  nodeChoiceTouched.current = true;
                  setNodeChoice(Number(e.target.value));
                }}
                data-testid="node-count"
              >
                {Array.from({ length: MAX_NODES - MIN_NODES + 1 }, (_, i) => MIN_NODES + i).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => window.confirm(t("toolbar.confirmNew", { count: nodeChoice })) && newCluster(nodeChoice)}>
              {t("toolbar.newCluster")}
            </button>
          </>
        )}
        <button
          type="button"
          onClick={() => session && window.confirm(t("toolbar.confirmReset")) && newCluster(session.nodes, session.seed)}
          data-testid="reset"
        >
          {t("toolbar.reset")}
        </button>
        <button type="button" onClick={onUndo} data-testid="undo">
          {t("toolbar.undo")}
        </button>
        {!exercise && (
          <button type="button" onClick={() => void onShare()} data-testid="share">
            {t("toolbar.share")}
          </button>
        )}
        <button type="button" onClick={onExport} data-testid="export">
          {t("toolbar.export")}
        </button>
        <label className={styles.check}>
          <input type="checkbox" checked={screenReader} onChange={(e) => writeScreenReader(e.target.checked)} data-testid="screen-reader" /> {t("toolbar.screenReader")}
        </label>
      </div>

      <div role="status" aria-live="polite" className={status?.kind === "error" ? styles.statusError : styles.status} data-testid="lab-status">
        {typing ? t("source.running") : status?.text}
        {status?.link && (
          <input className={styles.shareUrl} readOnly value={status.link} aria-label={t("toolbar.share")} data-testid="share-url" onFocus={(e) => e.target.select()} />
        )}
      </div>

      {shared && (
        <section className={styles.shared} aria-labelledby="shared-title" data-testid="shared-preview">
          <h2 id="shared-title">{t("shared.title")}</h2>
          <p>{t("shared.lead", { nodes: shared.nodes, seed: shared.seed })}</p>
          <ol className={styles.sharedLog}>
            {shared.log.map((e: LogEntry, i) => (
              <li key={i}>
                <code>
                  {e.pane}$ {e.line}
                </code>
              </li>
            ))}
          </ol>
          <p>
            <button
              type="button"
              className={styles.primary}
              onClick={() => {
                histories.current = {};
                sourceRef.current = null;
                setSource(null);
                sessionRef.current = null;
                boot(shared);
                setShared(null);
              }}
              data-testid="replay-shared"
            >
              {t("shared.replay")}
            </button>{" "}
            <button type="button" onClick={() => setShared(null)}>
              {t("shared.cancel")}
            </button>
          </p>
        </section>
      )}

      <div className={styles.tabs} role="tablist" aria-label={t("pane.tabs")}>
        {nodes.map((n) => (
          <button
            key={n}
            type="button"
            role="tab"
            id={`tab-${n}`}
            aria-selected={active === n}
            aria-controls={`pane-${n}`}
            className={styles.tab}
            onClick={() => setActive(n)}
          >
            {n}
            {running.panes.includes(n) && <span className={styles.dot} aria-label={t("pane.running")} />}
          </button>
        ))}
      </div>

      <div className={styles.panes} data-count={nodes.length}>
        {nodes.map((n) => (
          <section
            key={n}
            id={`pane-${n}`}
            role="tabpanel"
            aria-labelledby={`tab-${n}`}
            className={styles.pane}
            data-active={active === n}
            data-testid={`pane-${n}`}
            onFocus={() => setActive(n)}
          >
            <header className={styles.paneHead}>
              <span className={styles.paneName}>{n}</span>
              <span className={styles.paneActions}>
                {(running.files[n] ?? []).filter((f) => f.endsWith(".pcap")).map((f) => (
                  <button key={f} type="button" onClick={() => link.current?.send({ type: "download", host: n, path: f })} data-testid={`download-${n}-${f}`}>
                    ⬇ {f}
                  </button>
                ))}
                <button type="button" onClick={() => onCapture(n)} aria-pressed={running.captures.includes(n)} data-testid={`capture-${n}`}>
                  {running.captures.includes(n) ? `■ ${t("pane.stopCapture")}` : `● ${t("pane.capture")}`}
                </button>
              </span>
            </header>
            <div className={styles.term} ref={mountPane(n)} />
          </section>
        ))}
      </div>

      <div className={styles.keyRow} ref={keyRowRef} role="group" aria-label={t("keys.label")}>
        <button type="button" onClick={() => keyRow("\t")}>{t("keys.tab")}</button>
        <button type="button" onClick={() => keyRow("\u0003")}>{t("keys.ctrlC")}</button>
        <button type="button" onClick={() => keyRow("\u001b[A")} aria-label={t("keys.up")}>↑</button>
        <button type="button" onClick={() => keyRow("\u001b[B")} aria-label={t("keys.down")}>↓</button>
        <button type="button" onClick={() => keyRow("\u001b")}>{t("keys.esc")}</button>
      </div>

      {exercise && session && (
        <div className={styles.exercisePanel}>
          <PanelSlot
            render={exercise.panel}
            send={exerciseSend}
            ask={exerciseAsk}
            commands={session.log.length}
            reset={() => newCluster(session.nodes, session.seed)}
          />
        </div>
      )}

      {besideReady && (
        <TopologyPanel
          store={topology}
          onHighlight={highlight}
          onDownload={() =>
            void link.current?.ask<"file">({ type: "packets-pcap" }).then((f) => f.bytes && saveFile(f.name, f.bytes, "application/vnd.tcpdump.pcap"))
          }
        />
      )}
    </div>
  );
}
