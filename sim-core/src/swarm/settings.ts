/**
 * The swarm's cluster spec as a learner changes it: `docker swarm update` (task history, Raft snapshots,
 * dispatcher heartbeat, certificate expiry, external CAs, autolock), the manager unlock key, and the root
 * CA rotation of `docker swarm ca --rotate`. Defaults and checks are swarmkit's (controlapi/cluster.go,
 * ca/certificates.go); a manager with a quorum is required for all of it.
 */
import { caDigest } from "../engine/ids";
import { err, ok, type Result } from "../engine/errors";
import type { World } from "../engine/world";
import type { SwarmSettings, SwarmState } from "../model/state";
import { requireManager } from "./cluster";

/** What a new swarm starts with (`docker swarm init` without options, Raft ticks of moby's swarm init). */
export const SWARM_DEFAULTS = {
  taskHistoryLimit: 5,
  snapshotInterval: 10000,
  keepOldSnapshots: 0,
  heartbeatTick: 1,
  electionTick: 10,
  dispatcherHeartbeatMs: 5000,
  certExpiryMs: 90 * 24 * 3600 * 1000,
} as const;

/** swarmkit's MinNodeCertExpiration. */
const MIN_CERT_EXPIRY_MS = 3600 * 1000;

export interface EffectiveSettings {
  taskHistoryLimit: number;
  snapshotInterval: number;
  keepOldSnapshots: number;
  heartbeatTick: number;
  electionTick: number;
  dispatcherHeartbeatMs: number;
  certExpiryMs: number;
  externalCAs: { protocol: string; url: string }[];
  autolock: boolean;
  forceRotate: number;
}

export function settingsOf(swarm: SwarmState): EffectiveSettings {
  const s = swarm.settings ?? {};
  return {
    ...SWARM_DEFAULTS,
    taskHistoryLimit: s.taskHistoryLimit ?? SWARM_DEFAULTS.taskHistoryLimit,
    snapshotInterval: s.snapshotInterval ?? SWARM_DEFAULTS.snapshotInterval,
    keepOldSnapshots: s.keepOldSnapshots ?? SWARM_DEFAULTS.keepOldSnapshots,
    dispatcherHeartbeatMs: s.dispatcherHeartbeatMs ?? SWARM_DEFAULTS.dispatcherHeartbeatMs,
    certExpiryMs: s.certExpiryMs ?? SWARM_DEFAULTS.certExpiryMs,
    externalCAs: s.externalCAs ?? [],
    autolock: s.autolock ?? false,
    forceRotate: s.forceRotate ?? 0,
  };
}

export type SettingsChange = Omit<SwarmSettings, "unlockKey" | "rootCAAt" | "forceRotate">;

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** swarmkit's HumanReadableKey: `SWMKEY-1-` and 32 random bytes in unpadded base64 (43 characters). */
function newUnlockKey(world: World): string {
  const body = world.rng.chars(BASE64, 42) + world.rng.chars("AEIMQUYcgkosw048", 1);
  return `SWMKEY-1-${body}`;
}

function validate(change: SettingsChange): Result<null> {
  if (change.certExpiryMs !== undefined && change.certExpiryMs < MIN_CERT_EXPIRY_MS) return err({ code: "cert-expiry-too-short" });
  if (change.dispatcherHeartbeatMs !== undefined && change.dispatcherHeartbeatMs < 0) return err({ code: "negative-heartbeat" });
  return ok(null);
}

/** `docker swarm update`: applies the changed fields; turning autolock on makes an unlock key, off drops it. */
export function updateSwarm(world: World, hostName: string, change: SettingsChange): Result<{ unlockKey: string | null }> {
  const m = requireManager(world, hostName);
  if (!m.ok) return m;
  const valid = validate(change);
  if (!valid.ok) return valid;
  const swarm = m.value.swarm;
  const before = settingsOf(swarm).autolock;
  const settings: SwarmSettings = { ...swarm.settings };
  for (const [k, v] of Object.entries(change)) if (v !== undefined) (settings as Record<string, unknown>)[k] = v;
  if (settings.autolock && !before) settings.unlockKey = newUnlockKey(world);
  if (!settings.autolock) delete settings.unlockKey;
  swarm.settings = settings;
  return ok({ unlockKey: settings.autolock && !before ? settings.unlockKey! : null });
}

/** `docker swarm unlock-key [--rotate]`: the key, or null when autolock is off. */
export function unlockKeyOf(world: World, hostName: string, rotate = false): Result<string | null> {
  const m = requireManager(world, hostName);
  if (!m.ok) return m;
  const swarm = m.value.swarm;
  if (rotate && swarm.settings?.autolock) swarm.settings.unlockKey = newUnlockKey(world);
  return ok(swarm.settings?.unlockKey ?? null);
}

/**
 * `docker swarm ca --rotate` without a certificate: a new root CA, so the join tokens (which carry its
 * digest) change too. Every node renews its certificate; the rotation is done when all of them have.
 */
export function rotateRootCA(world: World, hostName: string, change: SettingsChange): Result<SwarmState> {
  const m = requireManager(world, hostName);
  if (!m.ok) return m;
  const valid = validate(change);
  if (!valid.ok) return valid;
  const swarm = m.value.swarm;
  swarm.caDigest = caDigest(world.rng);
  swarm.settings = {
    ...swarm.settings,
    ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
    rootCAAt: world.state.now,
    forceRotate: settingsOf(swarm).forceRotate + 1,
  };
  return ok(swarm);
}
