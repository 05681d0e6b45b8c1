import { randomBytes } from 'node:crypto'
import type { BatchItem } from 'drizzle-orm/batch'
import { eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { SandboxError } from '../../shared/errors'
import { aesKeyOf, decryptMessage, encryptMessage, sha1Signature } from '../official-account/crypto'
import { nonce, SERVER_TIMEOUT_MS, wireTimestamp } from '../official-account/server'
import { toXml, type XmlFields } from '../official-account/xml'
import type { Corp } from './corp'
import { invalid } from './errors'
import { wecomCallbacks } from './schema'
import { callServer, verificationFailure, type ServerAnswer } from '../../shared/callout'

export type CallbackConfig = typeof wecomCallbacks.$inferSelect

/** WeCom tries a push three times, 5 s each. */
export const PUSH_TRIES = 3

export interface CallbackInput {
  url: string
  token?: string
  encodingAESKey?: string
}

/** msg_signature = sha1(sort(token, timestamp, nonce, encrypted)). */
export const msgSignature = (token: string, timestamp: string, n: string, encrypted: string) => sha1Signature(token, timestamp, n, encrypted)

/** Opens an encrypted value of a corp: the receiveid must be the corpid (−40005 otherwise). */
export const openFor = (corp: { corpid: string }, encodingAesKey: string, encrypted: string) => decryptMessage(encodingAesKey, encrypted, corp.corpid)

/**
 * 接收消息服务器配置 → 保存: checks URL, Token (≤ 32 letters/digits) and EncodingAESKey (43), then
 * verifies the URL as WeCom does: a GET with msg_signature, timestamp, nonce and an encrypted
 * echostr (receiveid = corpid); only a server that answers the decrypted plaintext, exactly, is
 * saved. A failed verification leaves the previous configuration as it was.
 */
export async function configureCallback(platform: Platform, corp: Corp, input: CallbackInput) {
  let url: URL
  try {
    url = new URL(input.url)
  } catch {
    throw invalid('url is not a URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('url must be http:// or https://')
  const token = input.token ?? corp.token
  if (!/^[A-Za-z0-9]{1,32}$/.test(token)) throw invalid('token is up to 32 letters or digits')
  const encodingAesKey = input.encodingAESKey ?? corp.encodingAesKey
  if (!aesKeyOf(encodingAesKey)) throw invalid('encodingAESKey is 43 letters or digits')

  const plaintext = String(randomBytes(8).readBigUInt64BE(0))
  const echostr = encryptMessage(encodingAesKey, corp.corpid, plaintext)
  const timestamp = wireTimestamp()
  const n = nonce()
  const check = new URL(url)
  check.searchParams.set('msg_signature', msgSignature(token, timestamp, n, echostr))
  check.searchParams.set('timestamp', timestamp)
  check.searchParams.set('nonce', n)
  check.searchParams.set('echostr', echostr)
  const verified = (a: ServerAnswer) => !verificationFailure(a, plaintext, 'answer')
  const answer = await callServer(check, {}, SERVER_TIMEOUT_MS, { platform, label: 'WeCom URL verification', wecom: true, plaintext: () => plaintext, answer: (a) => (verified(a) ? '200 echostr: verified' : `${a.status ?? 'no answer'}: not verified`) })
  const status = answer.status
  const failure = verificationFailure(answer, plaintext, 'answer the decrypted echostr')
  const subject = { corpid: corp.corpid }
  if (failure) {
    await platform.events.append({ actor: 'wecom', surface: 'wecom', type: 'wecom.callback.verification_failed', subject, payload: { url: input.url, status, reason: failure } })
    throw new SandboxError(422, 'verification_failed', `回调地址请求不通过: ${failure}`)
  }
  const row: CallbackConfig = { corpid: corp.corpid, url: url.toString(), token, encodingAesKey, verifiedAt: platform.clock.now() }
  await platform.db.insert(wecomCallbacks).values(row).onConflictDoUpdate({ target: wecomCallbacks.corpid, set: row })
  await platform.events.append({ actor: 'wecom', surface: 'wecom', type: 'wecom.callback.verified', subject, payload: { url: row.url } })
  return callbackView(row)
}

export async function callbackOf(platform: Platform, corpid: string): Promise<CallbackConfig | undefined> {
  const [row] = await platform.db.select().from(wecomCallbacks).where(eq(wecomCallbacks.corpid, corpid))
  return row
}

export async function removeCallback(platform: Platform, corpid: string) {
  const rows = await platform.db.delete(wecomCallbacks).where(eq(wecomCallbacks.corpid, corpid)).returning()
  if (rows.length) await platform.events.append({ actor: 'sandbox', surface: 'wecom', type: 'wecom.callback.disabled', subject: { corpid } })
  return rows.length > 0
}

export function callbackView(row: CallbackConfig | undefined) {
  if (!row) return { state: 'unconfigured' as const }
  return { state: 'enabled' as const, url: row.url, token: row.token, encodingAESKey: row.encodingAesKey, verifiedAt: new Date(row.verifiedAt).toISOString() }
}

export interface PushResult {
  pushed: boolean
  ok?: boolean
  attempts?: number
  detail?: string | null
}

/** The scheduler job of one push. */
export const PUSH_JOB = 'wecom.push'

interface PushJob {
  corpid: string
  kind: string
  plain: string
  agentid: number | ''
}

/** What `pushEventLater` gives its caller: the statements for its batch, and the push itself after it. */
export interface PendingPush {
  queries: BatchItem<'sqlite'>[]
  /** makes the push now, given the batch's results (the job's statement is the last one) */
  send(results: unknown[]): Promise<PushResult>
}

/**
 * An event push as a job, for the batch of the change it tells of (an outbox): a crash between
 * the change and its push cannot lose the push; it runs when the platform starts again.
 * Nothing is pushed while no callback is configured.
 */
export async function pushEventLater(platform: Platform, corp: Corp, kind: string, fields: XmlFields, agentid: number | '' = ''): Promise<PendingPush> {
  if (!(await callbackOf(platform, corp.corpid))) return { queries: [], send: async () => ({ pushed: false }) }
  const payload: PushJob = { corpid: corp.corpid, kind, plain: toXml({ ToUserName: corp.corpid, ...fields }), agentid }
  return {
    queries: [platform.scheduler.job(PUSH_JOB, platform.clock.now(), payload)],
    async send(results) {
      const run = await platform.scheduler.runAfterBatch(results)
      return (run?.result as PushResult | undefined) ?? { pushed: false }
    },
  }
}

/** Registers WeCom's scheduled work: event pushes to the corp's callback. */
export function registerCallbackJobs(platform: Platform) {
  platform.scheduler.handle(PUSH_JOB, (payload: PushJob) => onPushDue(platform, payload))
}

/**
 * 接收事件: POSTs `<xml><ToUserName>corpid</ToUserName><AgentID/><Encrypt/></xml>` signed with
 * msg_signature, up to three tries (5 s timeout, non-200, broken connection). The answer body is
 * not read: HTTP 200 is "received". A job run again after a crash pushes again, as WeCom does.
 */
async function onPushDue(platform: Platform, payload: PushJob): Promise<PushResult> {
  const cb = await callbackOf(platform, payload.corpid)
  if (!cb) return { pushed: false }
  const { corpid, kind, plain, agentid } = payload
  let tries = 0
  let detail: string | null = null
  while (tries < PUSH_TRIES) {
    tries++
    const timestamp = wireTimestamp()
    const n = nonce()
    const encrypt = encryptMessage(cb.encodingAesKey, corpid, plain)
    const url = new URL(cb.url)
    url.searchParams.set('msg_signature', msgSignature(cb.token, timestamp, n, encrypt))
    url.searchParams.set('timestamp', timestamp)
    url.searchParams.set('nonce', n)
    const body = toXml({ ToUserName: corpid, AgentID: agentid === '' ? '' : agentid, Encrypt: encrypt })
    const wire = { platform, label: `WeCom callback: ${kind}${tries > 1 ? ` · try ${tries}` : ''}`, wecom: true, plaintext: () => plain }
    const { status, latencyMs, failure } = await callServer(url, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body }, SERVER_TIMEOUT_MS, wire)
    detail = failure ? failure.message : status !== 200 ? `HTTP ${status}` : null
    await platform.events.append({
      actor: 'wecom',
      surface: 'wecom',
      type: 'wecom.push.attempted',
      subject: { corpid },
      payload: { kind, n: tries, status, ok: !detail, latencyMs, detail },
    })
    if (!detail) break
  }
  return { pushed: true, ok: !detail, attempts: tries, detail }
}
