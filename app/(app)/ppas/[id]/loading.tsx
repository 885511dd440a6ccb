import { Skeleton } from '@/components/skeleton';

export default function Loading() {
  return <Skeleton label="Loading the PPA…" rows={6} rowHeight="h-12" />;
}
