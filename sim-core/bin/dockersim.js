#!/usr/bin/env node
// Launcher: runs the TypeScript entry through tsx, so `npx dockersim` works with no build step.
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("./dockersim.ts", import.meta.url);
process.exitCode = await main(process.argv.slice(2));
