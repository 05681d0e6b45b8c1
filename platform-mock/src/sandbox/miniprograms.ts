import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import { SandboxError } from '../shared/errors'
import type { PlatformEnv } from '../shared/env'
import { readMeta, writeMeta } from '../shared/meta'
import { sandboxJson } from '../shared/validate'
import { apps, brands } from '../world/schema'

const SAMPLE_PAGES = '/sample-mp'

/**
 * Where each mini program's pages are served, for the phone's container: the merchant registers
 * its pages' base URL; until then the world's mini program shows the bundled sample mini program.
 * Kept in sandbox_meta, so it is part of snapshots and goes back to the sample on reset.
 */
export const miniprogramApps = new Hono<PlatformEnv>()
  .get('/miniprogram/apps', async (c) => {
    const rows = await c.var.db.select({ app: apps, color: brands.color, logo: brands.logo }).from(apps).leftJoin(brands, eq(brands.id, apps.brandId)).where(eq(apps.kind, 'miniprogram'))
    const origin = new URL(c.req.url).origin
    return c.json({ apps: await Promise.all(rows.map((r) => view(c.var.db, r.app, r.color, origin, r.logo))) })
  })
  .get('/miniprogram/apps/:appid', async (c) => {
    const found = await find(c.var.db, c.req.param('appid'))
    return c.json(await view(c.var.db, found.app, found.color, new URL(c.req.url).origin, found.logo))
  })
  .put('/miniprogram/apps/:appid', sandboxJson(z.object({ pagesUrl: z.url({ protocol: /^https?$/ }).max(512) })), async (c) => {
    const found = await find(c.var.db, c.req.param('appid'))
    await writeMeta(c.var.db, `mp-pages-url:${found.app.appid}`, c.req.valid('json').pagesUrl)
    return c.json(await view(c.var.db, found.app, found.color, new URL(c.req.url).origin, found.logo))
  })

async function find(db: PlatformEnv['Variables']['db'], appid: string) {
  const [row] = await db.select({ app: apps, color: brands.color, logo: brands.logo }).from(apps).leftJoin(brands, eq(brands.id, apps.brandId)).where(eq(apps.appid, appid))
  if (!row || row.app.kind !== 'miniprogram') throw new SandboxError(404, 'not_found', `no mini program ${appid}`)
  return row
}

async function view(db: PlatformEnv['Variables']['db'], app: typeof apps.$inferSelect, color: string | null, origin: string, logo: string | null = null) {
  const pagesUrl = (await readMeta<string>(db, `mp-pages-url:${app.appid}`)) ?? `${origin}${SAMPLE_PAGES}`
  return { appid: app.appid, name: app.name, nameZh: app.nameZh ?? app.name, brandColor: color ?? '#07C160', ...(logo ? { icon: logo } : {}), pagesUrl }
}
