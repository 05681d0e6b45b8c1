import { defineConfig } from 'vite'

/**
 * The mini program base library: one classic script (IIFE) at dist/runtime/wx.js, so a page can
 * include it with a plain <script src> and the library can read its own URL.
 */
export default defineConfig({
  root: import.meta.dirname,
  publicDir: false,
  build: {
    outDir: 'dist/runtime',
    emptyOutDir: false,
    target: 'es2022',
    lib: { entry: `${import.meta.dirname}/runtime/wx.ts`, formats: ['iife'], name: 'wxRuntime', fileName: () => 'wx.js' },
  },
})
