import { resolve } from "node:path";

/** The shared folder (papers, data, reference code): EQUITABLE_SHARED, else ../shared beside the repository root. */
export function sharedDir(repoRoot: string): string {
  return resolve(process.env.EQUITABLE_SHARED ?? resolve(repoRoot, "../shared"));
}
