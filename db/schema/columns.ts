import { customType, numeric, timestamp } from 'drizzle-orm/pg-core';

/** Pesos with centavos, exact. Drizzle hands it back as a string ("4500000.00"); code parses it to centavos. */
export const pesos = (name: string) => numeric(name, { precision: 18, scale: 2 });

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** Raw bytes (Yjs document state). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});
