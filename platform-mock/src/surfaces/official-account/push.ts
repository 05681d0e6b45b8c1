import { performance } from 'node:perf_hooks'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Platform } from '../../platform'
import type { OaApp } from './account'
import { announce, messageQuery, messageView, UNAVAILABLE, type NewOaMessage, type OaMessage } from './conversation'
import { decryptMessage, encryptMessage, sha1Signature } from './crypto'
import { oaPushes } from './schema'
import { nonce, SERVER_TIMEOUT_MS, serverOf, wireTimestamp, type ServerConfig } from './server'
import { childOf, parseXml, textOf, toXml, type XmlFields, type XmlTree } from './xml'
import { callServer } from '../../shared/callout'

/** 微信服务器在五秒内收不到响应会断掉连接，并且重新发起请求，总共重试三次. */
export const PUSH_TRIES = 3
const ANSWER_LIMIT = 2000

export interface PushInput {
  app: OaApp
  personId: string
  openid: string
  /** `text`, or the event name (`subscribe`, `SCAN`, `CLICK`…) */
  kind: string
  /** the message's own fields after ToUserName, FromUserName and CreateTime */
  fields: XmlFields
}

export type PushOutcome = 'replied' | 'no-reply' | 'bad-reply' | 'failed'

export interface PushResult {
  pushed: boolean
  pushId?: number
  outcome?: PushOutcome
  attempts?: number
  detail?: string | null
  reply?: ReturnType<typeof messageView> | null
}

type Reply = { ok: true; message: Pick<NewOaMessage, 'kind' | 'body'> | null } | { ok: false; reason: string }

/** The signed (and in safe / compatible mode, encrypted) request of one attempt. */
function signedRequest(server: ServerConfig, app: OaApp, openid: string, plain: XmlFields) {
  const timestamp = wireTimestamp()
  const n = nonce()
  const url = new URL(server.url)
  url.searchParams.set('signature', sha1Signature(server.token, timestamp, n))
  url.searchParams.set('timestamp', timestamp)
  url.searchParams.set('nonce', n)
  url.searchParams.set('openid', openid)
  if (server.mode === 'plain') return { url, body: toXml(plain) }
  const encrypt = encryptMessage(server.encodingAesKey, app.appid, toXml(plain))
  url.searchParams.set('encrypt_type', 'aes')
  url.searchParams.set('msg_signature', sha1Signature(server.token, timestamp, n, encrypt))
  const body = server.mode === 'safe' ? toXml({ ToUserName: app.originalId, Encrypt: encrypt }) : toXml({ ...plain, Encrypt: encrypt })
  return { url, body }
}

/** Reads a passive reply: `success` / empty = none; encrypted replies are checked and opened. */
function readReply(server: ServerConfig, app: OaApp, openid: string, answer: string): Reply {
  const text = answer.trim()
  if (text === '' || text === 'success') return { ok: true, message: null }
  const outer = parseXml(text)
  if (!outer || outer.root !== 'xml') return { ok: false, reason: 'the reply is not XML' }
  let tree: XmlTree = outer.tree
  const encrypted = textOf(tree, 'Encrypt')
  if (encrypted !== undefined) {
    if (server.mode === 'plain') return { ok: false, reason: 'an encrypted reply while the account is in plain mode' }
    const sig = sha1Signature(server.token, textOf(tree, 'TimeStamp') ?? '', textOf(tree, 'Nonce') ?? '', encrypted)
    if (sig !== textOf(tree, 'MsgSignature')) return { ok: false, reason: 'MsgSignature does not match (-40001)' }
    const opened = decryptMessage(server.encodingAesKey, encrypted, app.appid)
    if (!opened.ok) return { ok: false, reason: `cannot decrypt the reply: ${opened.reason} (${opened.code})` }
    const inner = parseXml(opened.message)
    if (!inner || inner.root !== 'xml') return { ok: false, reason: 'the decrypted reply is not XML (-40002)' }
    tree = inner.tree
  } else if (server.mode === 'safe') {
    return { ok: false, reason: 'a plain reply while the account is in safe mode' }
  }
  if (textOf(tree, 'ToUserName') !== openid) return { ok: false, reason: 'ToUserName is not the person the push came from' }
  const type = textOf(tree, 'MsgType')
  switch (type) {
    case 'text': {
      const content = textOf(tree, 'Content')
      return content ? { ok: true, message: { kind: 'text', body: { content } } } : { ok: false, reason: 'a text reply without Content' }
    }
    case 'image': {
      const mediaId = textOf(childOf(tree, 'Image') ?? {}, 'MediaId')
      return mediaId ? { ok: true, message: { kind: 'image', body: { media_id: mediaId } } } : { ok: false, reason: 'an image reply without Image/MediaId' }
    }
    case 'news': {
      const items = (childOf(tree, 'Articles')?.item ?? []).filter((i): i is XmlTree => typeof i === 'object')
      const articles = items.map((i) => ({
        title: textOf(i, 'Title') ?? '',
        description: textOf(i, 'Description') ?? '',
        picurl: textOf(i, 'PicUrl') ?? '',
        url: textOf(i, 'Url') ?? '',
      }))
      if (articles.length < 1 || articles.length > 8) return { ok: false, reason: 'a news reply carries 1–8 Articles items' }
      return { ok: true, message: { kind: 'news', body: { articles } } }
    }
    case 'voice':
    case 'video':
    case 'music':
      return { ok: true, message: { kind: type, body: { fields: Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, v[0]])) } } }
    case 'transfer_customer_service':
      return { ok: true, message: null }
    default:
      return { ok: false, reason: `unknown MsgType ${JSON.stringify(type ?? null)}` }
  }
}

/**
 * 接收普通消息 / 接收事件推送: POSTs the message to the account's verified server, up to three
 * tries (a timeout after 5 s, a non-200 answer or a broken connection counts as a failed try).
 * A passive reply lands in the person's conversation; a bad reply, or three failed tries, shows
 * WeChat's "unavailable" notice instead. Nothing is pushed while no server is configured.
 */
export async function push(platform: Platform, input: PushInput): Promise<PushResult> {
  const { app, openid, personId } = input
  const server = await serverOf(platform, app.appid)
  if (!server) return { pushed: false }
  const plain: XmlFields = { ToUserName: app.originalId, FromUserName: openid, CreateTime: Math.floor(platform.clock.now() / 1000), ...input.fields }
  const subject = { appid: app.appid, person: personId }
  let outcome: PushOutcome = 'failed'
  let detail: string | null = null
  let reply: Pick<NewOaMessage, 'kind' | 'body'> | null = null
  let tries = 0
  while (tries < PUSH_TRIES) {
    tries++
    const { url, body } = signedRequest(server, app, openid, plain)
    const { status, body: answer, latencyMs, failure: unreachable } = await callServer(url, { method: 'POST', headers: { 'Content-Type': 'text/xml', 'User-Agent': 'Mozilla/4.0' }, body }, SERVER_TIMEOUT_MS)
    const failure = unreachable ? unreachable.message : status !== 200 ? `HTTP ${status}` : null
    await platform.events.append({
      actor: 'wechat',
      surface: 'official-account',
      type: 'oa.push.attempted',
      subject,
      payload: { kind: input.kind, n: tries, status, ok: !failure, latencyMs, answer: (failure ?? answer).slice(0, ANSWER_LIMIT), mode: server.mode },
    })
    if (failure) {
      detail = failure
      continue
    }
    const read = readReply(server, app, openid, answer)
    if (read.ok) {
      outcome = read.message ? 'replied' : 'no-reply'
      reply = read.message
      detail = null
    } else {
      outcome = 'bad-reply'
      detail = read.reason
    }
    break
  }
  const shown: Pick<NewOaMessage, 'kind' | 'body' | 'source'> | null = reply
    ? { ...reply, source: 'passive-reply' }
    : outcome === 'bad-reply' || outcome === 'failed'
      ? { kind: 'text', body: { content: UNAVAILABLE }, source: 'system' }
      : null
  const writes: BatchItem<'sqlite'>[] = [
    platform.db
      .insert(oaPushes)
      .values({ appid: app.appid, personId, kind: input.kind, xml: toXml(plain), attempts: tries, outcome, detail, at: platform.clock.now() })
      .returning(),
  ]
  if (shown) writes.push(messageQuery(platform, { appid: app.appid, personId, direction: 'out', ...shown }))
  const [pushRows, messageRows] = (await platform.db.batch(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]])) as unknown as [{ id: number }[], OaMessage[] | undefined]
  const pushId = pushRows[0]!.id
  await platform.events.append({ actor: 'wechat', surface: 'official-account', type: 'oa.push.finished', subject: { ...subject, push: String(pushId) }, payload: { kind: input.kind, outcome, attempts: tries, detail } })
  const message = messageRows?.[0]
  if (message) await announce(platform, message)
  return { pushed: true, pushId, outcome, attempts: tries, detail, reply: message ? messageView(message) : null }
}
