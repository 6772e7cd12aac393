import interviewFile from '../content/interview.md?raw'
import { parseInterview } from './source.ts'

/** The parsed interview, for the deck's components (bundled by Vite, so it works offline). */
export const interview = parseInterview(interviewFile)
