import "server-only";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { createContext } from "@/server/api/context";
import { appRouter, createCaller } from "@/server/api/root";
import { makeQueryClient } from "./query-client";

/** One QueryClient per server request. */
export const getQueryClient = cache(makeQueryClient);

const context = cache(async () => createContext(await headers()));

/** For prefetching in Server Components and hydrating client components. */
export const trpc = createTRPCOptionsProxy({ ctx: context, router: appRouter, queryClient: getQueryClient });

/** Direct server-side calls from Server Components (no HTTP). */
export const serverCaller = cache(async () => createCaller(await context()));
