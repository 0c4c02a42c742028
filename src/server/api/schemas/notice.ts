import { z } from "zod";
import { idSchema } from "./common";

/** What a browser holds of the suggestions it sent without an account (see components/suggest/sent.ts). */
export const sentKeysSchema = z
  .array(z.object({ id: idSchema, clientKey: z.uuid() }))
  .max(50, "At most 50 suggestions at a time.")
  .default([]);

export const noticeListInput = z.object({ keys: sentKeysSchema });
export const noticeDismissInput = z.object({ ids: z.array(idSchema).min(1).max(50), keys: sentKeysSchema });
