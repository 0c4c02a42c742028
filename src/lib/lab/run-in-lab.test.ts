import { describe, expect, it } from "vitest";
import { renderDocument } from "@/lib/markdown";
import { fromBase64Url } from "./share";
import { pendingScriptSchema } from "./script";

const md = "Intro.\n\n## Quick example\n\n```bash\n# Initialize Swarm on the first node\nnode-1$ docker swarm init --advertise-addr 192.168.1.10\nnode-2$ docker swarm join --token SWMTKN-... 192.168.1.10:2377\n```\n\n```\nplain output\n```\n\n```bash\n# only a comment\n```\n";
const runInLab = { locale: "uk", path: "/uk/q/docker-overlay-network", title: "Що таке overlay", label: "Запустити в лабораторії" };

function scriptOf(href: string) {
  const value = /#run=([\w-]+)$/.exec(href)![1];
  return pendingScriptSchema.parse(JSON.parse(new TextDecoder().decode(fromBase64Url(value)!)));
}

describe("Run in lab links", () => {
  it("follows each bash block that has commands with a link to the lab carrying them and their section", async () => {
    const { html } = await renderDocument(md, { runInLab });
    const links = [...html.matchAll(/<p class="run-in-lab"><a href="([^"]+)" data-testid="run-in-lab">▶ Запустити в лабораторії<\/a><\/p>/g)];
    expect(links).toHaveLength(1);
    const href = links[0][1].replaceAll("&#x26;", "&");
    expect(href.startsWith("/uk/lab#run=")).toBe(true);
    expect(scriptOf(href)).toEqual({
      steps: [
        { node: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10" },
        { node: "node-2", line: "docker swarm join --token SWMTKN-... 192.168.1.10:2377" },
      ],
      source: { href: "/uk/q/docker-overlay-network#quick-example", title: "Quick example" },
    });
    expect(html.indexOf("run-in-lab")).toBeGreaterThan(html.indexOf("</pre>"));
  });

  it("adds nothing when the page does not ask (previews, moderation)", async () => {
    expect((await renderDocument(md)).html).not.toContain("run-in-lab");
  });
});
