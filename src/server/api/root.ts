import { accountRouter } from "./routers/account";
import { exercisesRouter } from "./routers/exercises";
import { moderationRouter } from "./routers/moderation";
import { noticeRouter } from "./routers/notice";
import { questionRouter } from "./routers/question";
import { quizRouter } from "./routers/quiz";
import { revisionRouter } from "./routers/revision";
import { suggestionRouter } from "./routers/suggestion";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  question: questionRouter,
  suggestion: suggestionRouter,
  moderation: moderationRouter,
  revision: revisionRouter,
  account: accountRouter,
  quiz: quizRouter,
  notice: noticeRouter,
  exercises: exercisesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
