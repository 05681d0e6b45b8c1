import type { Platform } from '../../platform'
import { SandboxError } from '../../shared/errors'
import { journeyContext } from '../../shared/events'
import { getPerson } from '../../world/people'
import { codeIdOf, findCode } from '../miniprogram/codes'
import { currentJourney, decideJourney, launch } from '../miniprogram/launch'
import { findMiniProgram } from '../miniprogram/pages'
import type { ScanMethod } from '../miniprogram/scenes'
import { findMerchant } from '../pay/merchants'
import { orderSummary, resolveTarget } from '../pay/payments'
import { scanFollowCode } from '../official-account/person'
import { wayProfile } from '../wecom/contacts'
import { resolvePayload } from './resolve'

export interface ScanInput {
  payload: string
  /** how the person got at the code: the camera, a long-press on an image, a picture from the album */
  method: ScanMethod
  source: 'text' | 'image'
}

async function mustFindPerson(platform: Platform, personId: string) {
  const person = await getPerson(platform.db, personId)
  if (!person) throw new SandboxError(404, 'not_found', `no person ${personId}`)
  return person
}

/**
 * Discover → Scan: resolves the payload and does what WeChat would. Opening the mini program
 * writes `qr.scanned` then `miniprogram.launched` on the same journey; a Native pay code answers
 * what to pay (paying is the pay surface's).
 */
export async function scan(platform: Platform, personId: string, input: ScanInput) {
  await mustFindPerson(platform, personId)
  const resolution = await resolvePayload(platform, input.payload, input.method)
  const base = { payload: input.payload.trim(), method: input.method, source: input.source }
  if (resolution.action === 'pay') {
    const order = await nativeOrder(platform, personId, resolution.codeUrl)
    const journey = journeyContext.getStore()?.journeyId ?? (await currentJourney(platform, personId))?.journeyId ?? null
    const event = await platform.events.append({
      actor: personId,
      surface: 'qr',
      type: 'qr.scanned',
      subject: { person: personId, ...(order.ok && { mchid: order.order.mchid, outTradeNo: order.order.outTradeNo }) },
      journeyId: journey,
      channel: 'qr',
      payload: { ...base, action: 'pay', ok: order.ok },
    })
    return { action: 'pay' as const, ...base, codeUrl: resolution.codeUrl, ...order, scanEventId: event.id, journeyId: journey }
  }
  if (resolution.action === 'follow-official-account') {
    const { code } = resolution
    const event = await platform.events.append({
      actor: personId,
      surface: 'qr',
      type: 'qr.scanned',
      subject: { person: personId, appid: code.appid, ticket: code.ticket },
      channel: 'qr',
      payload: { ...base, action: 'follow-official-account' },
    })
    const followed = await scanFollowCode(platform, personId, code)
    return { action: 'follow-official-account' as const, ...base, appid: code.appid, scanEventId: event.id, ...followed }
  }
  if (resolution.action === 'add-wecom-contact') {
    const { way } = resolution
    const event = await platform.events.append({
      actor: personId,
      surface: 'qr',
      type: 'qr.scanned',
      subject: { person: personId, corpid: way.corpid, configId: way.configId },
      channel: 'qr',
      payload: { ...base, action: 'add-wecom-contact' },
    })
    const profile = await wayProfile(platform, way, personId)
    const add = { method: 'POST', path: `/_sandbox/people/${personId}/wecom/contacts`, body: { configId: way.configId } }
    return { action: 'add-wecom-contact' as const, ...base, scanEventId: event.id, ...profile, add }
  }
  const journey = await decideJourney(platform, personId)
  const event = await platform.events.append({
    actor: personId,
    surface: 'qr',
    type: 'qr.scanned',
    subject: { person: personId, appid: resolution.appid, ...resolution.subject },
    journeyId: journey.journeyId,
    channel: 'qr',
    payload: { ...base, action: 'open-miniprogram', via: resolution.via },
  })
  const launched = await launch(platform, personId, resolution.launch, {
    journeyId: journey.journeyId,
    subject: { ...resolution.subject, scan: String(event.id) },
  })
  return { action: 'open-miniprogram' as const, ...base, via: resolution.via, scanEventId: event.id, ...launched }
}

/**
 * The Native order behind a pay code, as the pay sheet would show it (the pay surface decides);
 * paying it is `POST /_sandbox/pay/people/:id/pay {"codeUrl"}`.
 */
export async function nativeOrder(platform: Platform, personId: string, codeUrl: string) {
  const resolved = await resolveTarget(platform, personId, { codeUrl })
  if ('fail' in resolved) return { ok: false as const, message: resolved.fail }
  const merchant = await findMerchant(platform, resolved.order.mchid)
  return { ok: true as const, order: orderSummary(resolved.order, merchant?.name ?? resolved.order.mchid) }
}

/**
 * wx.scanCode inside a mini program: the code's text goes back to the page (no launch).
 * `path` is set only for the mini program's own codes, as WeChat does.
 */
export async function scanCodeInMiniProgram(platform: Platform, personId: string, appid: string | undefined, input: ScanInput) {
  await mustFindPerson(platform, personId)
  const app = await findMiniProgram(platform, appid)
  const payload = input.payload.trim()
  const codeId = codeIdOf(payload)
  const code = codeId ? await findCode(platform.db, codeId) : undefined
  const own = code && code.appid === app.appid
  const path = !own
    ? undefined
    : code.kind === 'unlimited'
      ? `${code.page}?scene=${encodeURIComponent(code.scene)}`
      : code.query
        ? `${code.page}?${code.query}`
        : code.page
  await platform.events.append({
    actor: personId,
    surface: 'qr',
    type: 'qr.scanned',
    subject: { person: personId, appid: app.appid, ...(code && { code: code.id }) },
    channel: 'qr',
    payload: { payload, method: input.method, source: input.source, action: 'return-to-miniprogram', via: 'wx.scanCode' },
  })
  return {
    errMsg: 'scanCode:ok',
    result: payload,
    scanType: code && code.kind !== 'qrcode' ? 'WX_CODE' : 'QR_CODE',
    charSet: 'UTF-8',
    ...(path && { path }),
    rawData: Buffer.from(payload).toString('base64'),
  }
}
