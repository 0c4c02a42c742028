/**
 * Liveness: the process is up and answering (the Dockerfile's HEALTHCHECK). It does not touch the
 * database, so a database restart never makes an orchestrator restart healthy app instances; readiness
 * (/api/health/ready) says whether this instance can reach it.
 */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
