import "server-only";
/** The question pages' headings per locale, as the exercise links need them (the quiz bank has read them already). */
import type { HeadingIds } from "@/lib/exercises/view";
import { getQuizBank } from "../quiz/bank";

export async function exerciseHeadings(): Promise<HeadingIds> {
  return (await getQuizBank()).headings;
}
