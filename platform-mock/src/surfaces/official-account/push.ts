import { eq } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Platform } from '../../platform'
import type { JobRef } from '../../shared/scheduler'
import { apps } from '../../world/schema'
import type { OaApp } from './account'
import { announce, messageQuery, messageView, UNAVAILABLE, type NewOaMessage, type OaMessage } from './conversation'
import { decryptMessage, encryptMessage, sha1Signature } from './crypto'
import { oaPushes } from './schema'
import { nonce, SERVER_TIMEOUT_MS, serverOf, wireTimestamp, type ServerConfig } from './server'
import { childOf, parseXml, textOf, toXml, type XmlFields, type XmlTree } from './xml'
import { callServer } from '../../shared/callout'
import type { WireNote } from '../../sandbox/wire-callout'

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

/** What the wire log shows of a try: the push's name, the message before encryption, the reply opened. */
function wireNote(platform: Platform, server: ServerConfig, app: OaApp, kind: string, n: number, plain: XmlFields): WireNote {
  const what = kind === 'text' || kind === 'image' || kind === 'voice' ? `${kind} message` : `${kind} event`
  return {
    platform,
    label: `push: ${what}${n > 1 ? ` · try ${n}` : ''}`,
    plaintext: () => (server.mode === 'plain' ? null : toXml(plain)),
    answerPlaintext(body) {
      const encrypted = body.includes('<Encrypt>') ? textOf(parseXml(body.trim())?.tree ?? {}, 'Encrypt') : undefined
      if (!encrypted) return null
      const opened = decryptMessage(server.encodingAesKey, encrypted, app.appid)
      return opened.ok ? opened.message : `(cannot decrypt: ${opened.reason})`
    },
    answer(a) {
      if (a.failure) return `no answer: ${a.failure.kind}`
      const text = a.body.trim()
      if (a.status !== 200) return `${a.status}`
      if (text === '' || text === 'success') return `200 ${text || 'empty'}: no reply`
      return `200 passive reply${text.includes('<Encrypt>') ? ' (encrypted)' : ''}`
    },
  }
}

/** The scheduler job of one push. */
export const PUSH_JOB = 'oa.push'

interface PushJob {
  appid: string
  personId: string
  openid: string
  kind: string
  /** the whole message, ToUserName to the last field; bigints (MsgId) tagged for JSON */
  plain: unknown
}

const encodeFields = (f: XmlFields): unknown => JSON.parse(JSON.stringify(f, (_, v) => (typeof v === 'bigint' ? { $bigint: v.toString() } : v)))
const decodeFields = (f: unknown): XmlFields =>
  JSON.parse(JSON.stringify(f), (_, v) => (v && typeof v === 'object' && typeof v.$bigint === 'string' ? BigInt(v.$bigint) : v)) as XmlFields

/** What `pushLater` gives its caller: the statements for its batch, and the push itself after it. */
export interface PendingPush {
  queries: BatchItem<'sqlite'>[]
  /** makes the push now, given the batch's results (the job's statement is the last one) */
  send(results: unknown[]): Promise<PushResult>
}

/**
 * A push to the account's server as a job, for the batch of the action it tells of (an outbox):
 * the person's message and its push commit together, so a crash between them cannot lose the
 * push; it runs when the platform starts again. Nothing is pushed while no server is configured.
 */
export async function pushLater(platform: Platform, input: PushInput): Promise<PendingPush> {
  const { app, openid, personId } = input
  if (!(await serverOf(platform, app.appid))) return { queries: [], send: async () => ({ pushed: false }) }
  const plain: XmlFields = { ToUserName: app.originalId, FromUserName: openid, CreateTime: Math.floor(platform.clock.now() / 1000), ...input.fields }
  const payload: PushJob = { appid: app.appid, personId, openid, kind: input.kind, plain: encodeFields(plain) }
  return {
    queries: [platform.scheduler.job(PUSH_JOB, platform.clock.now(), payload)],
    async send(results) {
      const run = await platform.scheduler.runAfterBatch(results)
      return (run?.result as PushResult | undefined) ?? { pushed: false }
    },
  }
}

/** Pushes at once, for an action that writes nothing of its own. */
export async function push(platform: Platform, input: PushInput): Promise<PushResult> {
  const pending = await pushLater(platform, input)
  const [first, ...rest] = pending.queries
  return pending.send(first ? await platform.db.batch([first, ...rest]) : [])
}

/** Registers the Official Account's scheduled work: pushes to the developer's server. */
export function registerPushJobs(platform: Platform) {
  platform.scheduler.handle(PUSH_JOB, (payload: PushJob, job) => onPushDue(platform, payload, job))
}

/**
 * 接收普通消息 / 接收事件推送: POSTs the message to the account's verified server, up to three
 * tries (a timeout after 5 s, a non-200 answer or a broken connection counts as a failed try).
 * A passive reply lands in the person's conversation; a bad reply, or three failed tries, shows
 * WeChat's "unavailable" notice instead. The outcome and the job's end commit together, so a job
 * run again after a crash pushes again (as WeChat does) only when nothing was recorded.
 */
async function onPushDue(platform: Platform, payload: PushJob, job: JobRef): Promise<PushResult> {
  const { openid, personId } = payload
  const [app] = await platform.db.select().from(apps).where(eq(apps.appid, payload.appid))
  const server = app && (await serverOf(platform, app.appid))
  if (!app || !server) return { pushed: false }
  const plain = decodeFields(payload.plain)
  const subject = { appid: app.appid, person: personId }
  let outcome: PushOutcome = 'failed'
  let detail: string | null = null
  let reply: Pick<NewOaMessage, 'kind' | 'body'> | null = null
  let tries = 0
  while (tries < PUSH_TRIES) {
    tries++
    const { url, body } = signedRequest(server, app, openid, plain)
    const wire = wireNote(platform, server, app, payload.kind, tries, plain)
    const { status, body: answer, latencyMs, failure: unreachable } = await callServer(url, { method: 'POST', headers: { 'Content-Type': 'text/xml', 'User-Agent': 'Mozilla/4.0' }, body }, SERVER_TIMEOUT_MS, wire)
    const failure = unreachable ? unreachable.message : status !== 200 ? `HTTP ${status}` : null
    await platform.events.append({
      actor: 'wechat',
      surface: 'official-account',
      type: 'oa.push.attempted',
      subject,
      payload: { kind: payload.kind, n: tries, status, ok: !failure, latencyMs, answer: (failure ?? answer).slice(0, ANSWER_LIMIT), mode: server.mode },
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
      .values({ appid: app.appid, personId, kind: payload.kind, xml: toXml(plain), attempts: tries, outcome, detail, at: platform.clock.now() })
      .returning(),
  ]
  if (shown) writes.push(messageQuery(platform, { appid: app.appid, personId, direction: 'out', ...shown }))
  writes.push(platform.scheduler.doneQuery(job))
  const [pushRows, messageRows] = (await platform.db.batch(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]])) as unknown as [{ id: number }[], OaMessage[] | undefined]
  const pushId = pushRows[0]!.id
  await platform.events.append({ actor: 'wechat', surface: 'official-account', type: 'oa.push.finished', subject: { ...subject, push: String(pushId) }, payload: { kind: payload.kind, outcome, attempts: tries, detail } })
  const message = shown ? messageRows?.[0] : undefined
  if (message) await announce(platform, message)
  return { pushed: true, pushId, outcome, attempts: tries, detail, reply: message ? messageView(message) : null }
}
