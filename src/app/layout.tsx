// The real root layout is app/[locale]/layout.tsx (it knows the page's language for <html lang>).
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return children;
}
