/** The handouts' measures, for their pages and for the export that checks what it printed. */

/** The audience handout: this many slides a page, each beside ruled lines. */
export const audienceSlidesPerPage = 3

/** A slide in a handout is this wide (and 16:9 high). */
export const handoutSlideWidthMm = 100

/** CSS pixels in a millimetre (96 to the inch). */
export const cssPxPerMm = 96 / 25.4
