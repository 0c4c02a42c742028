import Link from "next/link";
import "./globals.css";

// Reached only for requests outside any locale; everything else gets app/[locale]/not-found.tsx.
export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body>
        <main className="container" style={{ padding: "4rem 1.25rem" }}>
          <h1>Page not found</h1>
          <p>
            <Link href="/en">Overlay Lab</Link>
          </p>
        </main>
      </body>
    </html>
  );
}
