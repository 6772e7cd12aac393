/** Why Node.js `version` cannot run the deck, or undefined if it can (scripts/preflight.mjs). */
export function unsupported(version: string, range: string): string | undefined
