import antfu from '@antfu/eslint-config'

export default antfu({
  vue: true,
  typescript: true,
  formatters: false,
  ignores: ['content/**', 'dist/**', 'dist-*/**', 'exports/**', 'test-results/**', 'playwright-report/**', '.tmp/**'],
})
