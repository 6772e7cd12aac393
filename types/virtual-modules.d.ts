// Modules the deck's own Vite plugins (lib/site/) serve.
declare module 'virtual:briefing/talk-plan' {
  const plan: import('../lib/shared/pace').PlannedSlide[]
  export default plan
}
