/**
 * The swarm's root CA certificate as Docker shows it (`docker swarm ca`, node inspect's TLSInfo): a
 * well-formed X.509 DER in swarmkit's shape (ECDSA P-256, subject and issuer `CN=swarm-ca`, valid 20 years
 * from five minutes before it was made, as cfssl backdates), with its serial, key and signature derived
 * from the CA digest the join tokens carry. It decodes with `openssl x509`, but nothing can verify it:
 * the key is not a real one.
 */
import type { SwarmState } from "../model/state";

/** The DER of `CN=swarm-ca`, base64: what TLSInfo.CertIssuerSubject always holds for a swarm's own CA. */
export const SWARM_CA_SUBJECT = "MBMxETAPBgNVBAMTCHN3YXJtLWNh";

/** swarmkit's RootCAExpiration: 630720000 s. */
const ROOT_CA_VALIDITY_MS = 7300 * 24 * 3600 * 1000;
const BACKDATE_MS = 5 * 60 * 1000;

const hex = (h: string) => h.match(/../g)!.map((b) => parseInt(b, 16));

/** `len` bytes expanded from a seed (FNV-1a, then mulberry32), so one digest always gives the same certificate. */
function bytesFrom(seed: string, len: number): number[] {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const out: number[] = [];
  while (out.length < len) {
    h = (h + 0x6d2b79f5) >>> 0;
    let t = Math.imul(h ^ (h >>> 15), h | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    t = (t ^ (t >>> 14)) >>> 0;
    out.push(t >>> 24, (t >>> 16) & 255, (t >>> 8) & 255, t & 255);
  }
  return out.slice(0, len);
}

/** ASN.1 UTCTime YYMMDDHHMMSSZ. */
function utcTime(ms: number): number[] {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  const text = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return [0x17, 13, ...[...text].map((c) => c.charCodeAt(0))];
}

/** SubjectPublicKeyInfo for an uncompressed P-256 point. */
function publicKeyInfo(point: number[]): number[] {
  return [...hex("3059301306072a8648ce3d020106082a8648ce3d030107034200"), 0x04, ...point];
}

/** An ECDSA signature with both integers 33 bytes long (high bit set, so DER pads them with a zero). */
function signature(seed: string): number[] {
  const r = bytesFrom(`${seed}/r`, 32);
  const s = bytesFrom(`${seed}/s`, 32);
  r[0] |= 0x80;
  s[0] |= 0x80;
  return [0x03, 0x49, 0x00, 0x30, 0x46, 0x02, 0x21, 0x00, ...r, 0x02, 0x21, 0x00, ...s];
}

function certificateDer(digest: string, madeAt: number): number[] {
  const notBefore = Math.round(madeAt / 60000) * 60000 - BACKDATE_MS;
  const serial = bytesFrom(`${digest}/serial`, 20);
  serial[0] &= 0x7f;
  const point = bytesFrom(`${digest}/key`, 64);
  const name = hex("30133111300f06035504031308737761726d2d6361");
  const sigAlg = hex("300a06082a8648ce3d040302");
  const extensions = [
    ...hex("a3423040300e0603551d0f0101ff040403020106300f0603551d130101ff040530030101ff301d0603551d0e04160414"),
    ...bytesFrom(`${digest}/ski`, 20),
  ];
  const tbsBody = [
    ...hex("a003020102"),
    0x02, 20, ...serial,
    ...sigAlg,
    ...name,
    0x30, 30, ...utcTime(notBefore), ...utcTime(notBefore + ROOT_CA_VALIDITY_MS),
    ...name,
    ...publicKeyInfo(point),
    ...extensions,
  ];
  const tbs = [0x30, 0x82, tbsBody.length >> 8, tbsBody.length & 255, ...tbsBody];
  const body = [...tbs, ...sigAlg, ...signature(digest)];
  return [0x30, 0x82, body.length >> 8, body.length & 255, ...body];
}

const base64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));

/** The root CA certificate in PEM, with its trailing newline (as TLSInfo.TrustRoot holds it). */
export function caCertificatePem(swarm: SwarmState): string {
  const b64 = base64(certificateDer(swarm.caDigest, swarm.settings?.rootCAAt ?? swarm.createdAt));
  return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
}

/** TLSInfo.CertIssuerPublicKey: the CA's SubjectPublicKeyInfo, base64. */
export function caPublicKey(swarm: SwarmState): string {
  return base64(publicKeyInfo(bytesFrom(`${swarm.caDigest}/key`, 64)));
}

/** `sha256:<hex>` naming the current root certificate, as `docker swarm ca --rotate` prints it (derived, not a real hash). */
export function caCertificateDigest(swarm: SwarmState): string {
  return `sha256:${bytesFrom(`${swarm.caDigest}/digest`, 32).map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
