import { z } from 'zod';

// Every contract builds its schemas with this zod. In the browser the app's CSP forbids eval, and zod probes
// `new Function` when it builds an object schema (for its compiled check), which the browser reports as a CSP
// violation. The browser only checks small forms, so it goes without the compiled check; the server keeps it
// (it makes the 10,000-item tree's output check about five times faster).
if (typeof window !== 'undefined') z.config({ jitless: true });

export { z };
