// Slidev's client is shipped as TypeScript source; the deck imports a few of its modules, so
// vue-tsc checks them too. These are the build-time constants its Vite plugin defines.
export {}

declare global {
  const __DEV__: boolean
  const __SLIDEV_HASH_ROUTE__: boolean
  const __SLIDEV_MEMORY_ROUTE__: boolean
  const __SLIDEV_CLIENT_ROOT__: string
  const __SLIDEV_FEATURE_DRAWINGS__: boolean
  const __SLIDEV_FEATURE_DRAWINGS_PERSIST__: boolean
  const __SLIDEV_FEATURE_EDITOR__: boolean
  const __SLIDEV_FEATURE_RECORD__: boolean
  const __SLIDEV_FEATURE_PRESENTER__: boolean
  const __SLIDEV_FEATURE_PRINT__: boolean
  const __SLIDEV_FEATURE_BROWSER_EXPORTER__: boolean
  const __SLIDEV_FEATURE_WAKE_LOCK__: boolean
  const __SLIDEV_FEATURE_PWA__: boolean
  const __SLIDEV_HAS_SERVER__: boolean
}

declare module 'vue' {
  interface ComponentCustomProperties {
    __SLIDEV_FEATURE_DRAWINGS__: boolean
    __SLIDEV_FEATURE_DRAWINGS_PERSIST__: boolean
  }
}
