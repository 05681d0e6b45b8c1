import { and, eq } from 'drizzle-orm'
import { createHash } from 'node:crypto'
import type { Platform } from '../../platform'
import { invalidFileType, invalidMediaId, invalidMediaSize, invalidMediaType, mediaDataMissing } from './errors'
import { oaImages } from './schema'

/** The picture host WeChat answers uploads with; the sandbox serves it too (see hosts.ts). */
export const MMBIZ_HOST = 'mmbiz.qpic.cn'

type Format = (typeof oaImages.$inferSelect)['format']
type Kind = (typeof oaImages.$inferSelect)['type']

/**
 * What each upload takes (新增永久素材: image ≤ 10 MB bmp/png/jpeg/gif, thumb ≤ 64 KB jpg;
 * 上传图文消息内的图片: jpg/png < 1 MB).
 */
const LIMITS: Record<Kind, { maxBytes: number; formats: Format[] }> = {
  image: { maxBytes: 10 * 1024 * 1024, formats: ['png', 'jpg', 'gif', 'bmp'] },
  thumb: { maxBytes: 64 * 1024, formats: ['jpg'] },
  content: { maxBytes: 1024 * 1024, formats: ['png', 'jpg'] },
}

/** The largest multipart body an upload can be (the biggest file and the form around it). */
export const MAX_UPLOAD_BYTES = LIMITS.image.maxBytes + 64 * 1024

/** The format by the file's first bytes (WeChat judges the picture, not its name). */
function sniff(b: Uint8Array): Format | null {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png'
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg'
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'gif'
  if (b[0] === 0x42 && b[1] === 0x4d) return 'bmp'
  return null
}

/** The `type` of add_material: the sandbox stores pictures only (voice and video are not emulated). */
export function materialKind(type: string | undefined): 'image' | 'thumb' {
  if (type === 'image' || type === 'thumb') return type
  throw invalidMediaType()
}

/** The `media` field of a multipart upload, or 41005 when there is none. */
export function mediaField(form: Record<string, unknown> | null): File {
  const media = form?.media
  if (!(media instanceof File) || media.size === 0) throw mediaDataMissing()
  return media
}

const imageUrl = (format: Format, key: string) => `http://${MMBIZ_HOST}/mmbiz_${format}/${key}/0?wx_fmt=${format === 'jpg' ? 'jpeg' : format}`

/**
 * The ids of an account's n-th picture. A seeded world derives them from the seed, apart from the
 * main id sequence, so uploading a cover shifts no other id and journeys' golden traces stay as
 * they were (for the same reason an upload writes no event); an unseeded one draws random ids.
 */
function idFor(platform: Platform, appid: string, n: number, what: string, length: number) {
  if (platform.ids.seed === null) return platform.ids.urlsafe(length)
  const digest = createHash('sha256').update(`${platform.ids.seed}/oa-image/${appid}/${n}/${what}`).digest('base64url')
  return (digest + createHash('sha256').update(digest).digest('base64url')).slice(0, length)
}

/** 获取素材总数 (material/get_materialcount): the sandbox keeps pictures only. */
export async function materialCount(platform: Platform, appid: string) {
  const rows = await platform.db.select({ type: oaImages.type }).from(oaImages).where(eq(oaImages.appid, appid))
  return { voice_count: 0, video_count: 0, image_count: rows.filter((r) => r.type !== 'content').length, news_count: 0 }
}

/** Stores an uploaded picture after WeChat's checks: 40006 over the size, 40005 not a picture it takes. */
export async function storeImage(platform: Platform, appid: string, kind: Kind, file: File) {
  const limit = LIMITS[kind]
  if (file.size > limit.maxBytes) throw invalidMediaSize()
  const bytes = Buffer.from(await file.arrayBuffer())
  const format = sniff(bytes)
  if (!format || !limit.formats.includes(format)) throw invalidFileType()
  // two uploads at once may count the same n: the second takes the next free one
  for (let n = await platform.db.$count(oaImages, eq(oaImages.appid, appid)); ; n++) {
    const key = idFor(platform, appid, n, 'key', 64)
    const mediaId = kind === 'content' ? null : idFor(platform, appid, n, 'media_id', 43)
    const stored = await platform.db
      .insert(oaImages)
      .values({ key, appid, mediaId, type: kind, format, filename: file.name || 'media', bytes, createdAt: platform.clock.now() })
      .onConflictDoNothing()
      .returning({ key: oaImages.key })
    if (stored.length) return { mediaId, url: imageUrl(format, key) }
  }
}

/** A permanent picture of the account by media_id, or 40007 (draft/add's thumb_media_id). */
export async function mustMaterial(platform: Platform, appid: string, mediaId: string) {
  const [row] = await platform.db.select().from(oaImages).where(and(eq(oaImages.appid, appid), eq(oaImages.mediaId, mediaId)))
  if (!row || row.type === 'content') throw invalidMediaId()
  return { mediaId, url: imageUrl(row.format, row.key) }
}

const CONTENT_TYPES: Record<Format, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp' }

/** The bytes behind a mmbiz.qpic.cn address, or null. */
export async function imageAt(platform: Platform, format: string, key: string) {
  const [row] = await platform.db.select().from(oaImages).where(eq(oaImages.key, key))
  if (!row || row.format !== format) return null
  return { bytes: new Uint8Array(row.bytes), contentType: CONTENT_TYPES[row.format] }
}
