import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { SandboxError } from '../../shared/errors'
import type { PlatformEnv } from '../../shared/env'
import { sandboxJson } from '../../shared/validate'
import { getPerson } from '../../world/people'
import { findMiniProgram } from '../miniprogram/pages'
import { accountView, findAccount, listAccounts, updateAccount } from './account'
import { accountAvatarSvg, presenterSvg, videoCoverSvg } from './art'
import { noSuchPerson } from './errors'
import { currentLive, endLive, findLive, joinLive, leaveLive, liveStats, liveView, livesOf, scheduleLive, startLive } from './lives'
import { openProfileShop, tapLiveProduct, tapVideoLink } from './open'
import { commentOn, commentsOf, feedOf, findVideo, follow, likeVideo, postVideo, profileFor, videosOf, videoViews, viewVideo } from './videos'

const Mounted = z.object({
  productId: z.string().min(1).max(64),
  title: z.string().min(1).max(60),
  price: z.number().int().min(0),
  appid: z.string().optional(),
  path: z.string().min(1).max(1024),
  imageUrl: z.string().max(2048).optional(),
})

const PostVideo = z.object({
  finderUserName: z.string().optional(),
  title: z.string().trim().min(1).max(55),
  description: z.string().max(1000).optional(),
  products: z.array(Mounted).max(10).optional(),
  miniProgram: z.object({ appid: z.string().optional(), path: z.string().min(1).max(1024), title: z.string().min(1).max(30) }).optional(),
})

const ScheduleLive = z.object({
  finderUserName: z.string().optional(),
  title: z.string().trim().min(1).max(30),
  description: z.string().max(500).optional(),
  startTime: z.string().datetime({ offset: true }).optional(),
  shelf: z.array(Mounted).min(1).max(50),
})

const Profile = z.object({
  nickname: z.string().trim().min(1).max(30).optional(),
  signature: z.string().max(200).optional(),
  color: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'a colour like #0B7A5A').optional(),
})

const OpenRequest = z.object({
  appid: z.string().optional(),
  api: z.enum(['openChannelsLive', 'openChannelsActivity', 'openChannelsUserProfile']),
  finderUserName: z.string().min(1),
  feedId: z.string().optional(),
  nonceId: z.string().optional(),
})

const svg = (c: Context, body: string) => c.body(body, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=3600' })

async function person(c: Context<PlatformEnv>) {
  const id = c.req.param('id')!
  const p = await getPerson(c.var.db, id)
  if (!p) throw noSuchPerson(id)
  return p
}

/**
 * Channels in the control API. WeChat publishes no API for the feed, the creator side or live
 * rooms (reference/channels.md §3, §5): these stand for the 视频号助手 app (the brand) and the
 * person's WeChat (the phone). See README.md.
 */
export const channelsSandbox = new Hono<PlatformEnv>()
  // ── the creator's side (视频号助手) ──
  .get('/channels/accounts', async (c) => c.json({ accounts: (await listAccounts(c.var.db)).map(accountView) }))
  .get('/channels/accounts/:finder', async (c) => c.json(await profileFor(c.var.platform, null, c.req.param('finder'))))
  .patch('/channels/accounts/:finder', sandboxJson(Profile), async (c) => c.json(accountView(await updateAccount(c.var.platform, c.req.param('finder'), c.req.valid('json')))))
  .get('/channels/accounts/:finder/avatar.svg', async (c) => svg(c, accountAvatarSvg(await findAccount(c.var.platform, c.req.param('finder')))))
  .post('/channels/videos', sandboxJson(PostVideo), async (c) => {
    const v = await postVideo(c.var.platform, c.req.valid('json'))
    return c.json((await videoViews(c.var.platform, null, [v]))[0], 201)
  })
  .get('/channels/videos', async (c) => {
    const finder = c.req.query('finderUserName')
    const account = await findAccount(c.var.platform, finder)
    return c.json({ videos: await videoViews(c.var.platform, null, await videosOf(c.var.db, account.finderUserName)) })
  })
  .get('/channels/videos/:feedId', async (c) => c.json((await videoViews(c.var.platform, null, [await findVideo(c.var.db, c.req.param('feedId'))]))[0]))
  .get('/channels/videos/:feedId/comments', async (c) => c.json({ comments: await commentsOf(c.var.db, c.req.param('feedId')) }))
  .get('/channels/videos/:feedId/cover.svg', async (c) => {
    const v = await findVideo(c.var.db, c.req.param('feedId'))
    const a = await findAccount(c.var.platform, v.finderUserName)
    return svg(c, videoCoverSvg({ feedId: v.feedId, title: v.title, nickname: a.nickname, color: a.color }))
  })
  .post('/channels/lives', sandboxJson(ScheduleLive), async (c) => c.json(await liveView(c.var.platform, await scheduleLive(c.var.platform, c.req.valid('json'))), 201))
  .get('/channels/lives', async (c) => {
    const finder = c.req.query('finderUserName')
    if (finder) await findAccount(c.var.platform, finder)
    return c.json({ lives: await Promise.all((await livesOf(c.var.db, finder)).map((l) => liveView(c.var.platform, l))) })
  })
  .get('/channels/lives/:liveId', async (c) => {
    const live = await findLive(c.var.db, c.req.param('liveId'))
    return c.json({ ...(await liveView(c.var.platform, live)), stats: await liveStats(c.var.platform, live) })
  })
  .get('/channels/lives/:liveId/stats', async (c) => c.json(await liveStats(c.var.platform, await findLive(c.var.db, c.req.param('liveId')))))
  .post('/channels/lives/:liveId/start', async (c) => c.json(await liveView(c.var.platform, await startLive(c.var.platform, c.req.param('liveId')))))
  .post('/channels/lives/:liveId/end', async (c) => {
    const live = await endLive(c.var.platform, c.req.param('liveId'))
    return c.json({ ...(await liveView(c.var.platform, live)), stats: await liveStats(c.var.platform, live) })
  })
  .get('/channels/lives/:liveId/presenter.svg', async (c) => {
    const live = await findLive(c.var.db, c.req.param('liveId'))
    const a = await findAccount(c.var.platform, live.finderUserName)
    return svg(c, presenterSvg({ liveId: live.liveId, title: live.title, color: a.color }))
  })

  // ── the person's WeChat (Discover → Channels) ──
  .get('/people/:id/channels/feed', async (c) => {
    const p = await person(c)
    const tab = c.req.query('tab') ?? 'recommended'
    if (tab !== 'following' && tab !== 'friends' && tab !== 'recommended') throw new SandboxError(400, 'invalid', 'tab: following, friends or recommended')
    return c.json({ tab, videos: await feedOf(c.var.platform, p.id, tab) })
  })
  .get('/people/:id/channels/accounts/:finder', async (c) => {
    const p = await person(c)
    const profile = await profileFor(c.var.platform, p.id, c.req.param('finder'))
    const live = await currentLive(c.var.db, profile.finderUserName)
    return c.json({ ...profile, live: live && live.status !== 'ended' ? await liveView(c.var.platform, live, p.id) : null })
  })
  .post('/people/:id/channels/accounts/:finder/follow', async (c) => c.json(await follow(c.var.platform, (await person(c)).id, c.req.param('finder'), true)))
  .delete('/people/:id/channels/accounts/:finder/follow', async (c) => c.json(await follow(c.var.platform, (await person(c)).id, c.req.param('finder'), false)))
  .post('/people/:id/channels/accounts/:finder/shop', sandboxJson(z.object({ tab: z.enum(['shop', 'goods']).default('shop'), productId: z.string().min(1).optional() })), async (c) => {
    const p = await person(c)
    return c.json(await openProfileShop(c.var.platform, p.id, c.req.param('finder'), c.req.valid('json')), 201)
  })
  .post('/people/:id/channels/videos/:feedId/like', async (c) => c.json(await likeVideo(c.var.platform, (await person(c)).id, c.req.param('feedId'), true)))
  .delete('/people/:id/channels/videos/:feedId/like', async (c) => c.json(await likeVideo(c.var.platform, (await person(c)).id, c.req.param('feedId'), false)))
  .post('/people/:id/channels/videos/:feedId/view', sandboxJson(z.object({ from: z.enum(['feed', 'chat', 'profile', 'miniprogram']).optional() })), async (c) => {
    const p = await person(c)
    return c.json(await viewVideo(c.var.platform, p.id, c.req.param('feedId'), c.req.valid('json').from))
  })
  .post('/people/:id/channels/videos/:feedId/comments', sandboxJson(z.object({ text: z.string().trim().min(1).max(500) })), async (c) => {
    const p = await person(c)
    return c.json(await commentOn(c.var.platform, p.id, c.req.param('feedId'), c.req.valid('json').text), 201)
  })
  .post('/people/:id/channels/videos/:feedId/open', sandboxJson(z.object({ productId: z.string().min(1).optional(), shareId: z.string().min(1).optional() })), async (c) => {
    const p = await person(c)
    return c.json(await tapVideoLink(c.var.platform, p.id, c.req.param('feedId'), c.req.valid('json')), 201)
  })
  .get('/people/:id/channels/lives/:liveId', async (c) => {
    const p = await person(c)
    return c.json(await liveView(c.var.platform, await findLive(c.var.db, c.req.param('liveId')), p.id))
  })
  .post('/people/:id/channels/lives/:liveId/join', async (c) => c.json(await joinLive(c.var.platform, (await person(c)).id, c.req.param('liveId'))))
  .post('/people/:id/channels/lives/:liveId/leave', async (c) => c.json(await leaveLive(c.var.platform, (await person(c)).id, c.req.param('liveId'))))
  .post('/people/:id/channels/lives/:liveId/products/:productId/tap', async (c) => {
    const p = await person(c)
    return c.json(await tapLiveProduct(c.var.platform, p.id, c.req.param('liveId'), c.req.param('productId')), 201)
  })

  // ── the mini program's wx APIs that reach Channels (public, reference/channels.md §3) ──
  /** wx.getChannelsLiveInfo({finderUserName, startTime?, endTime?}) from the mini program `appid` */
  .get('/people/:id/channels/live-info', async (c) => {
    await person(c)
    const { appid, finderUserName, startTime, endTime } = c.req.query()
    if (!finderUserName) throw new SandboxError(400, 'invalid', 'finderUserName is required')
    const account = await sameSubject(c, appid, finderUserName)
    const range = { from: startTime ? Number(startTime) * 1000 : undefined, to: endTime ? Number(endTime) * 1000 : undefined }
    const live = await currentLive(c.var.db, account.finderUserName, range)
    if (!live) throw new SandboxError(404, 'no_live', `${finderUserName} has no live in that range`)
    return c.json({
      feedId: live.feedId,
      nonceId: live.nonceId,
      description: live.title,
      status: live.status === 'live' ? 2 : live.status === 'ended' ? 3 : 1,
      headUrl: accountView(account).headUrl,
      nickname: account.nickname,
      replayStatus: 0,
      otherInfos: [],
    })
  })
  /** wx.openChannelsLive / openChannelsActivity / openChannelsUserProfile: what the phone opens */
  .post('/people/:id/channels/open', sandboxJson(OpenRequest), async (c) => {
    await person(c)
    const body = c.req.valid('json')
    const account = await sameSubject(c, body.appid, body.finderUserName)
    if (body.api === 'openChannelsUserProfile') return c.json({ screen: 'profile', finderUserName: account.finderUserName })
    if (body.api === 'openChannelsActivity') {
      if (!body.feedId) throw new SandboxError(400, 'invalid', 'feedId is required')
      const v = await findVideo(c.var.db, body.feedId)
      if (v.finderUserName !== account.finderUserName) throw new SandboxError(404, 'not_found', `no video ${body.feedId} of ${account.finderUserName}`)
      return c.json({ screen: 'video', finderUserName: account.finderUserName, feedId: v.feedId })
    }
    const lives = await livesOf(c.var.db, account.finderUserName)
    const live = body.feedId ? lives.find((l) => l.feedId === body.feedId) : lives.find((l) => l.status === 'live')
    if (!live || live.status !== 'live') throw new SandboxError(404, 'no_live', `${account.finderUserName} is not live`)
    return c.json({ screen: 'live', finderUserName: account.finderUserName, liveId: live.liveId, feedId: live.feedId })
  })

/** The same-subject rule (同主体): a mini program reaches only its own brand's Channels account (errno 100008). */
async function sameSubject(c: Context<PlatformEnv>, appid: string | undefined, finder: string) {
  const app = await findMiniProgram(c.var.platform, appid)
  const account = await findAccount(c.var.platform, finder)
  if (account.brandId !== app.brandId) throw new SandboxError(403, 'subject_mismatch', 'errno 100008: the Channels account and the mini program are not of the same subject')
  return account
}
