import { createHash } from 'node:crypto'
import type { Db } from '../../shared/db'
import type { WorldCredentials } from '../../world/credentials'
import { oaIndustries, oaTemplates } from './schema'
import { contentOf, libraryTemplate, SEEDED_INDUSTRIES, SEEDED_PICKS } from './templates'

/** The template messages the seeded account has picked from the library (see templates.ts). */
export const OA_TEMPLATES = SEEDED_PICKS.map((pick) => {
  const t = libraryTemplate(pick.shortId)
  return { slug: pick.slug, shortId: t.shortId, title: t.title, content: contentOf(t, pick.keywords) }
})

/** A template id: 43 url-safe characters, stable for the account. */
export const templateIdFor = (appid: string, slug: string) => createHash('sha256').update(`tmpl:${appid}:${slug}`).digest('base64url').slice(0, 43)

/** Rows the seeded world's Official Account starts with. */
export function officialAccountSeedQueries(db: Db, cred: WorldCredentials) {
  const appid = cred.officialAccount.appid
  return [
    db.insert(oaTemplates).values(OA_TEMPLATES.map((t, i) => ({ appid, templateId: templateIdFor(appid, t.slug), title: t.title, content: t.content, shortId: t.shortId, addedAt: i }))),
    db.insert(oaIndustries).values({ appid, industry1: SEEDED_INDUSTRIES[0], industry2: SEEDED_INDUSTRIES[1], changedAt: 0 }),
  ]
}
