import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const root = fileURLToPath(new URL('./mp', import.meta.url))
const PAGES = ['index', 'menu', 'product', 'cart', 'order', 'member', 'gift']

/** The store's mini program pages (one HTML file per page, shared Lit chunks, served at /mp) and its brand console (served at /admin). */
export default defineConfig({
  root,
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist/mp', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: { ...Object.fromEntries(PAGES.map((p) => [p, resolve(root, `pages/${p}/${p}.html`)])), console: resolve(root, 'console/console.html') } },
  },
})
