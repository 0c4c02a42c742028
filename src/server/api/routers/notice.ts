import { dismissNotices, unseenNotices } from "../../services/notices";
import { noticeDismissInput, noticeListInput } from "../schemas/notice";
import { createTRPCRouter, publicProcedure } from "../trpc";

/**
 * Decisions on a contributor's suggestions they have not seen yet: theirs by account (the session)
 * or by the keys their browser kept for what it sent without one.
 */
export const noticeRouter = createTRPCRouter({
  list: publicProcedure
    .input(noticeListInput)
    .query(({ ctx, input }) => unseenNotices(ctx.db, { userId: ctx.user?.id ?? null, keys: input.keys })),

  dismiss: publicProcedure
    .input(noticeDismissInput)
    .mutation(async ({ ctx, input }) => ({
      dismissed: await dismissNotices(ctx.db, { userId: ctx.user?.id ?? null, keys: input.keys }, input.ids),
    })),
});
