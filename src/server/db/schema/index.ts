// Every table of the app, one file per area. drizzle-kit reads this module.
export * from "./content";
export * from "./auth";
export * from "./moderation";
export * from "./imports";
export * from "./quiz";
export * from "./exercises";
