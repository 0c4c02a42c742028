import { revalidatePath } from "next/cache";

/**
 * After a publication the public pages show the new text on the next request. Outside a Next
 * request (tests, scripts) there is no page cache, and Next says so with an invariant error.
 */
export function revalidatePublicPages(): void {
  try {
    revalidatePath("/", "layout");
  } catch (error) {
    if (!(error instanceof Error && error.message.includes("static generation store missing"))) throw error;
  }
}
