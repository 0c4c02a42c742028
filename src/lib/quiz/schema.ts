/**
 * The quiz bank's shapes. An item is written once as language-neutral data (`items.json`: kind, answer
 * key, section, command goal) plus one text file per locale (`en.json`, `uk.json`), so a fact such as
 * "option 2 is correct" lives in one place and the locales cannot disagree about it.
 */
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by single dashes");
const name = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, "must be a docker object name");
const host = z.string().regex(/^node-[1-9]$/, "must be node-1 … node-9");
const port = z.number().int().min(1).max(65535);
const command = z.string().min(1).max(400);

/** What the world must look like after the learner's command: checked on `lab.state()`, never on the text typed. */
export const goalSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("overlay"), name, attachable: z.boolean().optional(), encrypted: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal("bridge"), host, name }).strict(),
  z
    .object({
      kind: z.literal("service"),
      name,
      image: z.string().min(1).optional(),
      replicas: z.number().int().min(0).optional(),
      networks: z.array(name).optional(),
      publish: z.object({ published: port, target: port, mode: z.enum(["ingress", "host"]) }).strict().optional(),
    })
    .strict(),
  z.object({ kind: z.literal("container"), host, network: name }).strict(),
  z.object({ kind: z.literal("manager"), host, advertise: z.string().min(1).optional() }).strict(),
]);
export type Goal = z.infer<typeof goalSchema>;

const base = { id: slug, section: slug };
const optionCount = z.number().int().min(2).max(6);

/** One entry of `content/quiz/<slug>/items.json`. */
export const neutralItemSchema = z.discriminatedUnion("kind", [
  z.object({ ...base, kind: z.literal("single"), correct: z.number().int().min(0), options: optionCount }).strict(),
  z.object({ ...base, kind: z.literal("multi"), correct: z.array(z.number().int().min(0)).min(1), options: optionCount }).strict(),
  z.object({ ...base, kind: z.literal("truefalse"), answer: z.boolean() }).strict(),
  z.object({ ...base, kind: z.literal("order"), steps: z.number().int().min(3).max(8) }).strict(),
  z
    .object({
      ...base,
      kind: z.literal("command"),
      /** Lines run on node-1 before the learner's answer, to build the item's start state. */
      setup: z.array(command).max(10),
      goal: goalSchema,
      /** The reference answer, an equivalent one written differently, and a plausible wrong one. */
      solution: command,
      alternative: command,
      nearMiss: command,
    })
    .strict(),
]);
export type NeutralItem = z.infer<typeof neutralItemSchema>;

const text = z.string().trim().min(1).max(600);
const option = z.object({ text, why: text }).strict();

/** One entry of `content/quiz/<slug>/<locale>.json`, keyed by item id. */
export const localeItemSchema = z.union([
  z.object({ prompt: text, options: z.array(option).min(2).max(6) }).strict(),
  z.object({ prompt: text, steps: z.array(text).min(3).max(8), why: text }).strict(),
  z.object({ prompt: text, why: text }).strict(),
]);
export type LocaleItem = z.infer<typeof localeItemSchema>;

export interface Option {
  text: string;
  why: string;
}

/** Where an item's answer is: the question page and the heading, in the reader's locale. */
export interface SectionRef {
  slug: string;
  /** The heading's id on the question page in this locale (the EN id is the item's `section`). */
  anchor: string;
  heading: string;
  questionTitle: string;
  /** The lab exercises that practise this section (or the section it sits under), in their order. */
  exercises: { slug: string; number: number; title: string }[];
}

interface ItemBase {
  id: string;
  topic: string;
  prompt: string;
  section: SectionRef;
}

/** An item as the quiz page receives it: one locale's text merged with the neutral data. */
export type QuizItem = ItemBase &
  (
    | { kind: "single"; options: Option[]; correct: number }
    | { kind: "multi"; options: Option[]; correct: number[] }
    | { kind: "truefalse"; answer: boolean; why: string }
    | { kind: "order"; steps: string[]; why: string }
    | { kind: "command"; why: string; setup: string[]; goal: Goal; solution: string }
  );

export type ItemKind = QuizItem["kind"];
