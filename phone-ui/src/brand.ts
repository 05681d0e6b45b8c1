/**
 * The world brand's colour (GET /_sandbox/world), set once by the app before any phone draws:
 * CSS reads it as `var(--wx-brand)`, drawn pictures (an account's round logo) through `brandColour()`.
 */
let colour = '#07c160'

export function setBrandColour(value: string) {
  if (!/^#[0-9a-fA-F]{6}$/.test(value)) return
  colour = value
  document.documentElement.style.setProperty('--wx-brand', value)
}

export const brandColour = () => colour

let logo: string | null = null
/** The kit's logo (a data: URL), when it has one: the accounts' round avatar. */
export function setBrandLogo(value: string | undefined) {
  logo = value && /^data:image\/(svg\+xml|png);base64,/.test(value) ? value : null
}
export const brandLogo = () => logo
