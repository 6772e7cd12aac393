import antfu from '@antfu/eslint-config'

export default antfu({
  vue: true,
  typescript: true,
  formatters: false,
  ignores: [
    'content/**',
    'dist/**',
    'dist-*/**',
    'exports/**',
    'test-results/**',
    'playwright-report/**',
    '.tmp/**',
  ],
}, {
  // the benchmarks print their tables as they measure
  files: ['lib/bench/**'],
  rules: { 'no-console': 'off' },
}, {
  // a Slidev deck has one H1 per slide, not per file
  files: ['slides.md'],
  rules: { 'markdown/no-multiple-h1': 'off' },
})
