import { z } from './zod';

export const zMoa = z.object({ id: z.string(), code: z.string(), name: z.string() });
