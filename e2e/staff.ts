/**
 * The demo store's staff credential for its back office (`/admin/*`): playwright.config.ts chooses
 * it and starts the sandbox with it (`STAFF_TOKEN`). Pass `staff` (or spread it) to `request` calls.
 */
export const staff = { headers: { authorization: `Bearer ${process.env.STAFF_TOKEN}` } }
