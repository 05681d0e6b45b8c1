import { and, desc, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { apps } from '../../world/schema'
import { membersOf } from '../chat/conversations'
import { linkShareFor } from '../chat/shares'
import { launch } from '../miniprogram/launch'
import type { OaApp } from './account'
import { identityOf } from './account'
import { invalid, invalidMediaId, notLinkedMiniProgram } from './errors'
import { oaDrafts, oaPublications } from './schema'
import type { DraftArticle } from './wire'
import { SandboxError } from '../../shared/errors'
import { articleText, miniprogramCards, sanitizeArticleHtml } from './article-html'
import { mustMaterial } from './materials'

async function checkCards(platform: Platform, app: OaApp, html: string) {
  for (const card of miniprogramCards(html)) {
    const [mp] = await platform.db.select().from(apps).where(eq(apps.appid, card.appid))
    if (mp?.kind !== 'miniprogram' || mp.brandId !== app.brandId) throw notLinkedMiniProgram()
  }
}

/**
 * The cover a draft names: WeChat requires a permanent picture's media_id (40007 for an unknown
 * one). The sandbox still takes an article without a cover (drawn as a coloured box).
 */
async function coverOf(platform: Platform, app: OaApp, a: DraftArticle) {
  return a.thumb_media_id ? (await mustMaterial(platform, app.appid, a.thumb_media_id)).url : ''
}

function storedArticle(a: DraftArticle, thumbUrl: string) {
  const content = sanitizeArticleHtml(a.content)
  return {
    article_type: a.article_type ?? 'news',
    title: a.title,
    author: a.author ?? '',
    digest: a.digest ?? articleText(content).slice(0, 54),
    content,
    content_source_url: a.content_source_url ?? '',
    thumb_media_id: a.thumb_media_id ?? '',
    thumb_url: thumbUrl,
    need_open_comment: a.need_open_comment ?? 0,
    only_fans_can_comment: a.only_fans_can_comment ?? 0,
    ...(a.pic_crop_235_1 && { pic_crop_235_1: a.pic_crop_235_1 }),
    ...(a.pic_crop_1_1 && { pic_crop_1_1: a.pic_crop_1_1 }),
  }
}

/** 新建草稿 (draft/add): sanitized articles; embedded mini programs must be linked. */
export async function addDraft(platform: Platform, app: OaApp, articles: DraftArticle[]) {
  const covers: string[] = []
  for (const a of articles) {
    await checkCards(platform, app, a.content)
    covers.push(await coverOf(platform, app, a))
  }
  const mediaId = platform.ids.urlsafe(43)
  const now = platform.clock.now()
  await platform.db.insert(oaDrafts).values({ mediaId, appid: app.appid, articles: articles.map((a, i) => storedArticle(a, covers[i]!)), createdAt: now, updatedAt: now })
  await platform.events.append({ actor: app.appid, surface: 'official-account', type: 'oa.draft.added', subject: { appid: app.appid, mediaId }, payload: { articles: articles.length } })
  return mediaId
}

export async function findDraft(platform: Platform, appid: string, mediaId: string) {
  const [row] = await platform.db.select().from(oaDrafts).where(and(eq(oaDrafts.appid, appid), eq(oaDrafts.mediaId, mediaId)))
  if (!row) throw invalidMediaId()
  return row
}

export async function deleteDraft(platform: Platform, appid: string, mediaId: string) {
  await findDraft(platform, appid, mediaId)
  await platform.db.delete(oaDrafts).where(eq(oaDrafts.mediaId, mediaId))
}

export async function listDrafts(platform: Platform, appid: string) {
  return platform.db.select().from(oaDrafts).where(eq(oaDrafts.appid, appid)).orderBy(desc(oaDrafts.updatedAt), desc(oaDrafts.mediaId))
}

/**
 * 发布 (freepublish/submit): publishing succeeds at once (status 0); each article gets its
 * mp.weixin.qq.com URL. Publishing does not push to followers.
 */
export async function publish(platform: Platform, app: OaApp, mediaId: string) {
  const draft = await findDraft(platform, app.appid, mediaId)
  const { ids, clock } = platform
  const publishId = `2${ids.digits(9)}`
  const articleId = ids.urlsafe(43)
  const msgDataId = Number(`22474${ids.digits(5)}`)
  const articles = draft.articles.map((a, i) => ({ ...a, url: `https://mp.weixin.qq.com/s/${ids.urlsafe(22)}`, idx: i + 1, is_deleted: false }))
  await platform.db.insert(oaPublications).values({ publishId, appid: app.appid, mediaId, articleId, msgDataId, status: 0, articles, publishedAt: clock.now() })
  await platform.events.append({
    actor: app.appid,
    surface: 'official-account',
    type: 'oa.article.published',
    subject: { appid: app.appid, publishId, articleId },
    payload: { titles: articles.map((a) => (a as { title?: unknown }).title) },
  })
  return { publishId, msgDataId }
}

export async function findPublication(platform: Platform, appid: string, by: { publishId?: string; articleId?: string }) {
  const [row] = await platform.db
    .select()
    .from(oaPublications)
    .where(and(eq(oaPublications.appid, appid), by.publishId ? eq(oaPublications.publishId, by.publishId) : eq(oaPublications.articleId, by.articleId ?? '')))
  return row
}

export async function listPublications(platform: Platform, appid: string) {
  return platform.db.select().from(oaPublications).where(eq(oaPublications.appid, appid)).orderBy(desc(oaPublications.publishedAt), desc(oaPublications.publishId))
}

export type Publication = typeof oaPublications.$inferSelect

/** The news_item WeChat returns (content left out with no_content). */
export function newsItems(articles: Record<string, unknown>[], noContent = false) {
  return articles.map(({ idx: _idx, ...a }) => (noContent ? { ...a, content: '' } : a))
}

/** An article as the person's reader shows it (`thumbUrl` is its cover on mmbiz.qpic.cn, or ''). */
function articleView(pub: Publication, idx: number) {
  const a = pub.articles[idx - 1] as Record<string, any>
  return { articleId: pub.articleId, idx, title: a.title, author: a.author, digest: a.digest, url: a.url, thumbUrl: (a.thumb_url as string | undefined) ?? '', content: a.content, miniprograms: miniprogramCards(a.content), publishedAt: new Date(pub.publishedAt).toISOString() }
}

/** The account's published articles, newest first (the profile's article list). */
export async function publishedArticles(platform: Platform, appid: string) {
  const pubs = await listPublications(platform, appid)
  return pubs.flatMap((p) => p.articles.map((_, i) => {
    const { content: _c, ...rest } = articleView(p, i + 1)
    return rest
  }))
}

async function mustArticle(platform: Platform, appid: string, articleId: string, idx: number) {
  const pub = await findPublication(platform, appid, { articleId })
  if (!pub || !pub.articles[idx - 1]) throw new SandboxError(404, 'not_found', `no published article ${articleId} #${idx}`)
  return pub
}

/** A person opens an article: `oa.article.read` on the Official Account channel. */
export async function readArticle(platform: Platform, personId: string, app: OaApp, articleId: string, idx = 1, sharedBy?: string) {
  await identityOf(platform.db, app.appid, personId)
  const pub = await mustArticle(platform, app.appid, articleId, idx)
  const view = articleView(pub, idx)
  await platform.events.append({
    actor: personId,
    surface: 'official-account',
    type: 'oa.article.read',
    subject: { appid: app.appid, person: personId, articleId, idx: String(idx), ...(sharedBy && { sharedBy }) },
    channel: 'official-account',
    payload: { title: view.title, url: view.url },
  })
  return view
}

/** Taps the n-th mini program embedded in an article: launch with scene 1058. */
export async function openArticleCard(platform: Platform, personId: string, app: OaApp, articleId: string, idx: number, card: number) {
  const pub = await mustArticle(platform, app.appid, articleId, idx)
  const view = articleView(pub, idx)
  const target = view.miniprograms[card]
  if (!target) throw invalid(`the article embeds no mini program #${card}`)
  // read through a friend's shared link: the launch continues that link's share chain
  const share = await linkShareFor(platform, personId, view.url, membersOf)
  return launch(platform, personId, { entry: 'oa-article', appid: target.appid, path: target.path }, {
    subject: { officialAccount: app.appid, articleId },
    payload: { articleTitle: view.title },
    share,
  })
}
