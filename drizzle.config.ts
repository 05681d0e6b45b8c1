import { defineConfig } from 'drizzle-kit'

/** drizzle-kit generates the platform's migrations from every surface's schema. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './platform-mock/src/schema.ts',
  out: './platform-mock/drizzle',
})
