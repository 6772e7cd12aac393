import Vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [
    Vue(),
  ],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'happy-dom',
    // a fresh module graph and DOM for each file, chosen rather than the few seconds a shared worker
    // saves; said here, Vitest no longer prints its hint about it after every run
    isolate: true,
  },
})
