import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { SandboxError } from '../../shared/errors'

/** Images larger than this are refused before decoding. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024

/**
 * The text of the QR code in a PNG (what the phone's camera or album picker reads). Transparent
 * pixels count as white, as they look on a phone screen.
 */
export function decodeQrPng(bytes: Uint8Array): string {
  if (bytes.length > MAX_IMAGE_BYTES) throw new SandboxError(413, 'too_large', `images up to ${MAX_IMAGE_BYTES} bytes`)
  let png: PNG
  try {
    png = PNG.sync.read(Buffer.from(bytes))
  } catch {
    throw new SandboxError(400, 'not_png', 'the image is not a PNG (only PNG images can be scanned)')
  }
  const rgba = new Uint8ClampedArray(png.data.length)
  for (let i = 0; i < png.data.length; i += 4) {
    const a = png.data[i + 3]! / 255
    rgba[i] = png.data[i]! * a + 255 * (1 - a)
    rgba[i + 1] = png.data[i + 1]! * a + 255 * (1 - a)
    rgba[i + 2] = png.data[i + 2]! * a + 255 * (1 - a)
    rgba[i + 3] = 255
  }
  const found = jsQR(rgba, png.width, png.height)
  if (!found || found.data === '') throw new SandboxError(422, 'no_code', 'no QR code found in the image')
  return found.data
}
