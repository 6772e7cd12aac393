/**
 * Rules on the deck's structure: frontmatter, the slides file, notes comments, layouts, components.
 */
import type { Rule } from './shared.ts'
import { twoslashBlock } from '../../project.ts'
import { excerpt, onSlide } from './shared.ts'

/** `frontmatter`: every slide's frontmatter block is valid YAML of `key: value` pairs. */
export const malformedFrontmatter: Rule = ({ deck }) => deck.slides.flatMap(slide =>
  slide.frontmatterErrors.map(error => onSlide(slide, 'frontmatter', `malformed frontmatter block: ${error}`)))

/** `slides-file`: errors Slidev's loader recorded in the slides file (e.g. a missing import). */
export const slidesFileErrors: Rule = ({ deck }) => deck.loadErrors.map(error =>
  ({
    file: 'slides.md',
    line: error.line,
    rule: 'slides-file',
    message: error.value,
  }))

/** `notes-comment`: every `<!--` is closed, so no slide is swallowed into a comment. */
export const unclosedNotesComment: Rule = ({ deck }) => deck.slides.flatMap(slide =>
  slide.unclosedComments.map(comment => onSlide(slide, 'notes-comment', `the comment opened on line ${comment.line} of ${slide.file} ("${excerpt(comment.value, 30)}") is never closed with "-->": Slidev reads everything up to the next "-->" as a comment, swallowing the slides in between`)))

/** `layout`: every slide's layout exists (Slidev's, the theme's or `layouts/`). */
export const unknownLayout: Rule = ({ deck }) => deck.slides
  .filter(slide => !deck.layouts.has(slide.layout))
  .map(slide => onSlide(slide, 'layout', `unknown layout "${slide.layout}" (known: ${[...deck.layouts].sort().join(', ')})`))

/** PascalCase icon components (`<PhArrowRight />`) that Slidev resolves from installed icon sets. */
function isIconComponent(name: string, iconCollections: readonly string[]): boolean {
  return iconCollections.some((collection) => {
    const prefix = collection.split('-').map(part => part.charAt(0).toUpperCase() + part.slice(1)).join('')
    return name.startsWith(prefix) && /^[A-Z0-9]/.test(name.slice(prefix.length))
  })
}

/** `component`: every component a slide uses exists, so none renders as nothing. */
export const unknownComponent: Rule = ({ deck }) => deck.slides.flatMap(slide => slide.components
  .filter(component => !deck.components.has(component.name) && !isIconComponent(component.name, deck.iconCollections))
  .map(component => onSlide(slide, 'component', `unknown component <${component.name}>: not in components/, nor a Slidev or theme component, so the slide would show nothing for it`)))

/** `twoslash`: no code block asks for TwoSlash while the headmatter turns it off, which would show plain code. */
export const twoslashTurnedOff: Rule = ({ deck }) => deck.headmatter.twoslash === false
  ? deck.slides
      .filter(slide => twoslashBlock.test(slide.content))
      .map(slide => onSlide(slide, 'twoslash', 'a code block asks for TwoSlash, which the headmatter turns off (`twoslash: false`): remove that line, or the block shows no type information'))
  : []
