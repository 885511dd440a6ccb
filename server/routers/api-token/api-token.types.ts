import { z } from 'zod';

export const zCreateApiTokenRequest = z.object({
  name: z.string().trim().min(1, 'Name the token after what will use it, like "BPDA dashboard".').max(100, 'Keep the name under 100 characters.'),
});
