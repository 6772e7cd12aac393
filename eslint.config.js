// @antfu/eslint-config 10 and its plugins use ES2024/2025 built-ins (Object.groupBy, Set methods,
// iterator helpers) that Node 22 has and this project's Node 20 lacks: core-js supplies them,
// and the config is imported only after that.
import 'core-js/actual/object/group-by.js'
import 'core-js/actual/set/index.js'
import 'core-js/actual/iterator/index.js'

const { default: antfu } = await import('@antfu/eslint-config')

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
