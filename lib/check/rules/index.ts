/** Every rule of the checker, in the order their problems read best; grouped by family in this folder. */
import type { Rule } from './shared.ts'
import { imageWithoutAlt, missingPublicFile, thirdPartyUrl } from './assets.ts'
import { invalidActors, invalidTimeline, unknownActorId, unknownTimelineReference, unusableDataModule } from './data.ts'
import { notesMissingOrShort, notesOffDuration, planNotPossible } from './notes.ts'
import { missingQuestion, quoteLayoutWithoutAnswer, quotesNotVerbatim, quoteWithoutAttribution } from './quotes.ts'
import { sourceLineMismatch, unsourcedFigure } from './sources.ts'
import { malformedFrontmatter, slidesFileErrors, twoslashTurnedOff, unclosedNotesComment, unknownComponent, unknownLayout } from './structure.ts'

export type { CheckContext, Problem, Rule, RuleName } from './shared.ts'

export const rules: readonly Rule[] = [
  slidesFileErrors,
  malformedFrontmatter,
  unclosedNotesComment,
  unknownLayout,
  unknownComponent,
  twoslashTurnedOff,
  missingQuestion,
  quoteLayoutWithoutAnswer,
  quotesNotVerbatim,
  quoteWithoutAttribution,
  sourceLineMismatch,
  unsourcedFigure,
  notesMissingOrShort,
  notesOffDuration,
  planNotPossible,
  unusableDataModule,
  unknownActorId,
  invalidActors,
  unknownTimelineReference,
  invalidTimeline,
  imageWithoutAlt,
  missingPublicFile,
  thirdPartyUrl,
]
