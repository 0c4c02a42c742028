import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;
export type Review = Outputs["moderation"]["get"];
export type QueuePage = Outputs["moderation"]["queue"];
export type QueueItem = QueuePage["items"][number];
export type HistoryItem = Outputs["revision"]["history"]["items"][number];
export type AuditItem = Outputs["moderation"]["audit"]["items"][number];
export type MineItem = Outputs["suggestion"]["mine"]["items"][number];
export type Field = Review["fields"][number]["field"];
