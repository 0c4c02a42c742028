import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * A link to a route rendered per request (the lab, the quiz with its modes and topics, the exercises, the
 * suggestion form), without Next's viewport prefetch. Those routes have no loading boundary, so a prefetch brings
 * only the layout the page already shows, while the server renders the route for every page view that shows the
 * link: a question page carries eight such links, the quiz page one per mode and topic. A click fetches the route
 * as it did. On the lab, those renders ran beside the lab's own start on a busy 2-core machine (side by side,
 * medians of 8: no difference when the machine was quiet; cold 901 → 849 ms and warm 315 → 275 ms in a busy spell).
 */
export function NoPrefetchLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  return <Link {...props} prefetch={false} />;
}
