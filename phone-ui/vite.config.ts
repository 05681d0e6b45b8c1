import { defineConfig } from 'vite'

/** The phone UI: built to phone-ui/dist, which the platform serves at `/`. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/_sandbox': 'http://localhost:4000', '/_runtime': 'http://localhost:4000' },
  },
})
