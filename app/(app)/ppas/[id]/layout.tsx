import { ppaOrNotFound } from '@/app/_lib/server-api';

/**
 * Every page of one PPA (its page, edit, co-edit) first looks the PPA up, outside any loading skeleton: an
 * unknown PPA, or another MOA's, answers HTTP 404 before the page starts streaming (inside the skeleton's
 * boundary the 200 would already have gone out). The read is shared with the page (cached per request).
 */
export default async function PpaLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await ppaOrNotFound((await params).id);
  return children;
}
