import { defineConfig } from 'drizzle-kit'

/** drizzle-kit generates the demo merchant's own migrations (`npm run db:generate:merchant`). */
export default defineConfig({
  dialect: 'sqlite',
  schema: './merchant-demo/src/schema.ts',
  out: './merchant-demo/drizzle',
})
