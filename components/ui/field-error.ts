/** The first message of a tRPC error for one field, for showing next to it. */
export function fieldError(error: unknown, field: string): string | undefined {
  const data = (error as { data?: { fieldErrors?: Record<string, string[]> | null } } | null)?.data;
  return data?.fieldErrors?.[field]?.[0];
}
