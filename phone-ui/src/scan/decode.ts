/** Decodes the QR code in a picture, in the browser (jsQR is loaded only when a picture is scanned). */
export async function decodeImage(blob: Blob): Promise<string | null> {
  const [{ default: jsQR }, bitmap] = await Promise.all([import('jsqr'), createImageBitmap(blob)])
  // codes are found more reliably with a quiet white margin around them
  const pad = Math.round(Math.max(bitmap.width, bitmap.height) * 0.05)
  const canvas = new OffscreenCanvas(bitmap.width + 2 * pad, bitmap.height + 2 * pad)
  const ctx = canvas.getContext('2d')!
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(bitmap, pad, pad)
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height)
  return jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null
}
