declare module 'ttf2eot' {
  /** Embedded OpenType (uncompressed) made from a TrueType font. */
  export default function ttf2eot(ttf: Uint8Array): Uint8Array
}
