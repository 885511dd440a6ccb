import Link from 'next/link';

/** A 404 that says what happened in a planner's words and gives a way back, instead of the framework's bare page. */
export function NotFoundPanel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby="not-found-title" className="mx-auto max-w-xl rounded-lg bg-white p-6 text-center ring-1 ring-slate-200 md:p-8">
      <p className="text-sm font-medium text-brand-700">Error 404</p>
      <h1 id="not-found-title" className="mt-1 text-2xl font-semibold">
        {title}
      </h1>
      <div className="mt-3 text-sm text-slate-700">{children}</div>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Link href="/ppas" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          See the PPAs
        </Link>
        <Link
          href="/"
          className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
        >
          Go to the home page
        </Link>
      </div>
    </section>
  );
}
