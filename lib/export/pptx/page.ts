/**
 * Runs in the print page before Slidev's exporter reads it (lib/export/pptx/slidev.ts), and makes
 * the page say what Slidev's exporter cannot read from it on its own: text only a screen reader
 * hears goes, an icon (a CSS mask) becomes a picture, an outline a bordered box, a triangle drawn
 * with borders a plain box, a square turned by 45° stands upright (Slidev would draw it as a
 * picture), and CSS decorations drawn by ::before and ::after become elements of their own (the
 * quote mark, the timeline's axis and stems). Each slide reports its title, its lists of text, its
 * triangles and diamonds, which lib/export/pptx/finish.ts makes PowerPoint's own.
 *
 * Playwright sends the function's source to the page: it uses nothing from outside itself.
 */

export interface PageRect {
  x: number
  y: number
  w: number
  h: number
}

export interface SlideFacts {
  /** 1-based */
  no: number
  /** the slide's first heading, as the page shows it */
  title: string | undefined
  /**
   * lists whose items are lines of text (not the timeline's or the actor cards'), in page order; a
   * list set in columns is a list per column
   */
  lists: {
    /** what stands before each item */
    marker: 'bullet' | 'number' | 'none'
    /** the first item's number */
    startAt: number
    items: string[]
    /** from where the bullet or number starts to where the text does, in CSS px */
    indent: number
    /** the bullet's or the number's colour, as RRGGBB */
    markerColor: string | undefined
    /** the space between one item and the next, in CSS px */
    gap: number
  }[]
  /** a square turned by 45°: where it stands upright now, and the diamond it was */
  diamonds: { square: PageRect, diamond: PageRect }[]
  /** a triangle drawn with borders (the flow's arrows): the box it filled, and where it points */
  triangles: { box: PageRect, points: 'up' | 'right' | 'down' | 'left' }[]
}

export async function prepareSlidesForPptx(containerSelector: string): Promise<SlideFacts[]> {
  const textOf = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim()
  const hexOf = (colour: string) => /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour)
    ?.slice(1, 4)
    .map(channel => Number(channel).toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()

  /** the `sr-only` pattern: Slidev's exporter would draw the text as visible text */
  function removeScreenReaderText(container: Element): void {
    for (const element of Array.from(container.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect()
      const style = getComputedStyle(element)
      if (box.width <= 1 && box.height <= 1 && style.position === 'absolute' && style.overflow === 'hidden')
        element.remove()
    }
  }

  /** a list of lines of text, a list per column; its items lose their marker, which PowerPoint draws */
  function readList(list: Element): SlideFacts['lists'] {
    const items = Array.from(list.children).filter(child => child.tagName === 'LI')
    const lines = items.length > 0 && items.every(item => !item.getAttribute('class') && !item.querySelector('div, p, ul, ol, li, figure, blockquote'))
    if (!lines)
      return []
    const item = items[0]!
    const before = getComputedStyle(item, '::before')
    // a number stands outside the item, in the list's padding; the deck's bullet is the item's ::before
    const marker = list.tagName === 'OL'
      ? getComputedStyle(item).listStyleType === 'none'
        ? 'none'
        : 'number'
      : before.content === 'none' || before.content === 'normal'
        ? 'none'
        : 'bullet'
    const itemBox = item.getBoundingClientRect()
    const markerLeft = marker === 'number'
      ? list.getBoundingClientRect().left
      : itemBox.left
    const textLeft = itemBox.left + Number.parseFloat(getComputedStyle(item).paddingLeft)
    const markerColor = marker === 'none'
      ? undefined
      : hexOf(marker === 'number'
          ? getComputedStyle(item, '::marker').color
          : before.backgroundColor)
    const columns: Element[][] = []
    for (const listItem of items) {
      const column = columns.at(-1)
      if (column && Math.abs(column[0]!.getBoundingClientRect().left - listItem.getBoundingClientRect().left) < 1)
        column.push(listItem)
      else
        columns.push([listItem])
    }
    for (const listItem of items) {
      listItem.setAttribute('data-pptx-list-item', '')
      // Slidev's exporter would draw the marker as a text box of its own
      ;(listItem as HTMLElement).style.listStyleType = 'none'
    }
    return columns.map((column) => {
      const boxes = column.map(listItem => listItem.getBoundingClientRect())
      return {
        marker,
        startAt: items.indexOf(column[0]!) + 1,
        items: column.map(textOf),
        indent: marker === 'none'
          ? 0
          : textLeft - markerLeft,
        markerColor,
        gap: boxes.length > 1
          ? Math.max(0, boxes[1]!.top - boxes[0]!.bottom)
          : 0,
      }
    })
  }

  /** an icon, a mask over a box in its colour, as the picture it is: Slidev's exporter would draw the box */
  function drawIcon(element: HTMLElement): HTMLImageElement | undefined {
    const style = getComputedStyle(element)
    const svg = /^url\("data:image\/svg\+xml;utf8,(.+)"\)$/.exec(style.maskImage || style.webkitMaskImage)?.[1]
    if (!svg)
      return undefined
    const picture = document.createElement('img')
    picture.src = `data:image/svg+xml;utf8,${encodeURIComponent(decodeURIComponent(svg).replaceAll('currentColor', style.backgroundColor))}`
    const named = element.closest('[aria-labelledby]')?.getAttribute('aria-labelledby')
    const name = named
      ? document.getElementById(named)?.textContent?.trim()
      : undefined
    picture.alt = name
      ? `Icon: ${name}`
      : 'Icon'
    Object.assign(picture.style, { display: 'block', width: '100%', height: '100%' })
    element.style.setProperty('mask-image', 'none')
    element.style.setProperty('-webkit-mask-image', 'none')
    element.style.backgroundColor = 'transparent'
    element.append(picture)
    return picture
  }

  /** an outline (the timeline's "now" ring) as a bordered box: Slidev's exporter draws borders only */
  function drawOutline(element: HTMLElement): void {
    const style = getComputedStyle(element)
    const width = Number.parseFloat(style.outlineWidth)
    if (style.outlineStyle === 'none' || !(width > 0))
      return
    const ring = document.createElement('span')
    const inset = -(width + Number.parseFloat(style.outlineOffset || '0'))
    Object.assign(ring.style, {
      position: 'absolute',
      inset: `${inset}px`,
      border: `${width}px ${style.outlineStyle} ${style.outlineColor}`,
      boxSizing: 'border-box',
    })
    if (style.position === 'static')
      element.style.position = 'relative'
    element.style.outline = 'none'
    element.append(ring)
  }

  /** a triangle drawn as the one coloured border of an empty box, as a box in that colour */
  function flattenTriangle(element: HTMLElement): { points: SlideFacts['triangles'][number]['points'] } | undefined {
    if (element.clientWidth !== 0 || element.clientHeight !== 0 || element.offsetWidth === 0)
      return undefined
    const style = getComputedStyle(element)
    const painted = (['top', 'right', 'bottom', 'left'] as const)
      .map(side => ({
        side,
        width: Number.parseFloat(style.getPropertyValue(`border-${side}-width`)),
        color: style.getPropertyValue(`border-${side}-color`),
      }))
      .filter(side => side.width > 0 && !/^rgba\(.*,\s*0\)$|^transparent$/.test(side.color))
    if (painted.length !== 1)
      return undefined
    const { side, color } = painted[0]!
    const box = element.getBoundingClientRect()
    Object.assign(element.style, {
      border: 'none',
      width: `${box.width}px`,
      height: `${box.height}px`,
      backgroundColor: color,
    })
    const pointing = {
      top: 'down',
      right: 'left',
      bottom: 'up',
      left: 'right',
    } as const
    return { points: pointing[side] }
  }

  /** a square turned by 45° stands upright, with whatever it holds (its ring): each box before and after */
  function standUpright(element: HTMLElement): { before: DOMRect, after: DOMRect }[] {
    const transform = getComputedStyle(element).transform
    if (!transform || transform === 'none')
      return []
    const matrix = new DOMMatrix(transform)
    if (Math.abs(Math.round(Math.atan2(matrix.b, matrix.a) * 180 / Math.PI)) !== 45)
      return []
    const parts = [
      element,
      ...Array.from(element.querySelectorAll('*')),
    ]
    const before = parts.map(part => part.getBoundingClientRect())
    element.style.transform = 'none'
    return parts.map((part, index) => ({
      before: before[index]!,
      after: part.getBoundingClientRect(),
    }))
  }

  /** ::before and ::after as elements of their own, but a list item's bullet, which PowerPoint draws */
  function materializePseudos(element: Element): void {
    for (const which of ['before', 'after'] as const) {
      if (which === 'before' && element.hasAttribute('data-pptx-list-item'))
        continue
      const pseudo = getComputedStyle(element, `::${which}`)
      if (!pseudo.content || pseudo.content === 'none' || pseudo.content === 'normal')
        continue
      const made = document.createElement('span')
      for (const property of Array.from(pseudo))
        made.style.setProperty(property, pseudo.getPropertyValue(property))
      made.textContent = /^(["'])([\s\S]*)\1$/.exec(pseudo.content)?.[2] ?? ''
      if (which === 'before')
        element.prepend(made)
      else
        element.append(made)
      element.setAttribute(`data-pptx-no-${which}`, '')
    }
  }

  const sheet = document.createElement('style')
  sheet.textContent = '[data-pptx-no-before]::before { content: none !important } [data-pptx-no-after]::after { content: none !important }'
  document.head.append(sheet)
  const pictures: HTMLImageElement[] = []
  const facts = Array.from(document.querySelectorAll(containerSelector), (container): SlideFacts => {
    const origin = container.getBoundingClientRect()
    const relative = (rect: DOMRect): PageRect => ({
      x: rect.left - origin.left,
      y: rect.top - origin.top,
      w: rect.width,
      h: rect.height,
    })
    removeScreenReaderText(container)
    const elements = Array.from(container.querySelectorAll('*')).filter(element => element instanceof HTMLElement)
    const heading = container.querySelector('h1, h2')
    const lists = elements.filter(element => element.tagName === 'UL' || element.tagName === 'OL').flatMap(readList)
    const triangles: SlideFacts['triangles'] = []
    for (const element of elements) {
      const picture = drawIcon(element)
      if (picture)
        pictures.push(picture)
      drawOutline(element)
      const triangle = flattenTriangle(element)
      if (triangle) {
        triangles.push({
          box: relative(element.getBoundingClientRect()),
          ...triangle,
        })
      }
    }
    const diamonds = elements.flatMap(standUpright).map(({ before, after }) => ({
      square: relative(after),
      diamond: relative(before),
    }))
    elements.forEach(materializePseudos)
    return {
      no: Number(container.id.split('-')[0]),
      title: heading
        ? textOf(heading)
        : undefined,
      lists,
      diamonds,
      triangles,
    }
  })
  await Promise.all(pictures.map(picture => picture.decode()))
  return facts
}
