import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes')
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb colour')
const fen = z.number().int().min(0)

const Choice = z.object({ id, name: z.string().min(1), nameZh: z.string().optional(), priceDelta: z.number().int().default(0) })
const Option = z
  .object({ id, name: z.string().min(1), nameZh: z.string().optional(), choices: z.array(Choice).min(1), default: id })
  .refine((o) => o.choices.some((c) => c.id === o.default), { message: 'default must be one of the choices', path: ['default'] })

const Product = z.object({
  id,
  category: id,
  name: z.string().min(1).max(40),
  nameZh: z.string().optional(),
  description: z.string().max(200).default(''),
  price: fen.refine((n) => n > 0, 'a price in fen above 0'),
  /** the generated picture: what is drawn, in which colour */
  art: z.enum(['cup', 'pastry', 'shirt', 'shoe', 'bag']).default('cup'),
  colour,
  stock: z.number().int().min(0).nullable().default(null),
  options: z.array(Option).default([]),
})

/** A brand kit: everything brand-specific about the store, in one JSON file. */
export const BrandKit = z
  .object({
    id,
    name: z.string().min(1),
    nameZh: z.string().optional(),
    tagline: z.string().default(''),
    fulfilment: z.enum(['pickup', 'shipping']),
    colours: z.object({ primary: colour, accent: colour, background: colour, text: colour }),
    stores: z.array(z.object({ id, name: z.string(), address: z.string(), tables: z.number().int().min(0).default(0) })).min(1),
    categories: z.array(z.object({ id, name: z.string().min(1), nameZh: z.string().optional() })).min(1),
    products: z.array(Product).min(1),
    campaigns: z.array(z.object({ id, title: z.string(), subtitle: z.string().default('') })).default([]),
    /** coupons a member can claim once each: `amountOff` fen off an order of at least `minSpend`, valid `validDays` after claiming */
    coupons: z
      .array(z.object({ id, title: z.string().min(1).max(20), amountOff: fen.refine((n) => n > 0, 'above 0'), minSpend: fen.default(0), validDays: z.number().int().min(1).max(365) }))
      .default([]),
    /** gift vouchers a member can buy and send to a friend: one `product` (at its base price), redeemable `validDays` after buying */
    gifts: z.array(z.object({ id, title: z.string().min(1).max(20), product: id, validDays: z.number().int().min(1).max(365) })).default([]),
    /** Channels (视频号): short videos with product links and a live stream with a product shelf, posted by `POST /admin/channels/publish` */
    channels: z
      .object({
        videos: z
          .array(
            z.object({
              id,
              title: z.string().min(1).max(55),
              description: z.string().max(1000).default(''),
              products: z.array(id).max(10).default([]),
              /** the link under the video (视频号链接): a page of the store */
              link: z.object({ page: z.enum(['index', 'menu', 'member']), title: z.string().min(1).max(30) }).optional(),
            }),
          )
          .default([]),
        live: z.object({ title: z.string().min(1).max(30), description: z.string().max(500).default(''), products: z.array(id).min(1).max(50) }).optional(),
      })
      .default({ videos: [] }),
    loyalty: z.object({
      pointsPerYuan: z.number().int().min(0),
      /** points for the member whose share brought a friend's first paid order */
      referralPoints: z.number().int().min(0).default(0),
      /** earned points lapse this many days after they were earned (null: never) */
      pointsValidDays: z.number().int().min(1).nullable().default(null),
      /** points spent at checkout: every `points` take `value` fen off, on at most `maxShare` of what is left to pay (absent: no redemption) */
      redeem: z.object({ points: z.number().int().min(1), value: fen.refine((v) => v > 0, 'more than 0'), maxShare: z.number().gt(0).max(1).default(0.5) }).optional(),
      levels: z.array(z.object({ name: z.string(), minSpend: fen })).min(1),
    }),
  })
  .superRefine((kit, ctx) => {
    const categories = new Set(kit.categories.map((c) => c.id))
    const seen = new Set<string>()
    kit.products.forEach((p, i) => {
      if (!categories.has(p.category)) ctx.addIssue({ code: 'custom', path: ['products', i, 'category'], message: `unknown category "${p.category}"` })
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['products', i, 'id'], message: `duplicate product id "${p.id}"` })
      seen.add(p.id)
    })
    kit.channels.videos.forEach((v, i) =>
      v.products.forEach((p, j) => {
        if (!seen.has(p)) ctx.addIssue({ code: 'custom', path: ['channels', 'videos', i, 'products', j], message: `unknown product "${p}"` })
      }),
    )
    kit.channels.live?.products.forEach((p, j) => {
      if (!seen.has(p)) ctx.addIssue({ code: 'custom', path: ['channels', 'live', 'products', j], message: `unknown product "${p}"` })
    })
    kit.gifts.forEach((g, i) => {
      if (!seen.has(g.product)) ctx.addIssue({ code: 'custom', path: ['gifts', i, 'product'], message: `unknown product "${g.product}"` })
    })
    kit.coupons.forEach((c, i) => {
      if (c.minSpend > 0 && c.amountOff >= c.minSpend) ctx.addIssue({ code: 'custom', path: ['coupons', i, 'amountOff'], message: 'must be below minSpend' })
    })
    if (kit.loyalty.levels[0].minSpend !== 0) ctx.addIssue({ code: 'custom', path: ['loyalty', 'levels', 0, 'minSpend'], message: 'the first level starts at 0' })
  })
export type BrandKit = z.infer<typeof BrandKit>
export type Product = BrandKit['products'][number]

/** A brand file that failed validation; the message names each bad field by its path. */
export class BrandKitError extends Error {}

/** Validates parsed JSON as a brand kit. */
export function parseBrandKit(data: unknown, source = 'brand kit'): BrandKit {
  const result = BrandKit.safeParse(data)
  if (result.success) return result.data
  const lines = result.error.issues.map((i) => `  ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
  throw new BrandKitError(`${source} is not a valid brand kit:\n${lines.join('\n')}`)
}

/** Reads and validates a brand file. */
export function loadBrandKit(path: string): BrandKit {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new BrandKitError(`cannot read brand kit ${path}: ${(err as Error).message}`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw new BrandKitError(`${path} is not JSON: ${(err as Error).message}`)
  }
  return parseBrandKit(data, path)
}

/** The shipped café kit. */
export const CAFE_KIT = fileURLToPath(new URL('../brands/cafe.json', import.meta.url))
/** The shipped sportswear kit. */
export const SPORTSWEAR_KIT = fileURLToPath(new URL('../brands/sportswear.json', import.meta.url))
