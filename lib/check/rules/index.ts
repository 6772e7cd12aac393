/** Every rule of the checker, in the order their problems read best; grouped by family in this folder. */
import type { Rule } from './shared'
import { imageWithoutAlt, missingPublicFile, thirdPartyUrl } from './assets'
import { invalidActors, invalidTimeline, unknownActorId, unknownTimelineReference, unusableDataModule } from './data'
import { notesMissingOrShort, notesOffDuration, planNotPossible } from './notes'
import { missingQuestion, quoteLayoutWithoutAnswer, quotesNotVerbatim, quoteWithoutAttribution } from './quotes'
import { sourceLineMismatch, unsourcedFigure } from './sources'
import { malformedFrontmatter, slidesFileErrors, unclosedNotesComment, unknownComponent, unknownLayout } from './structure'

export type { CheckContext, Problem, Rule, RuleName } from './shared'

export const rules: readonly Rule[] = [
  slidesFileErrors,
  malformedFrontmatter,
  unclosedNotesComment,
  unknownLayout,
  unknownComponent,
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
