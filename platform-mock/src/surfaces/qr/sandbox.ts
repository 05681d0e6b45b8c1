import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { SandboxError } from '../../shared/errors'
import type { PlatformEnv } from '../../shared/env'
import { parseJson } from '../../shared/validate'
import { codeImage, codePayload, findCode } from '../miniprogram/codes'
import { findMiniProgram } from '../miniprogram/pages'
import type { ScanMethod } from '../miniprogram/scenes'
import { decodeQrPng } from './decode'
import { posterCode, posterInfo, posterSvg, type PosterKind, type PosterRequest } from './posters'
import { followCode, followPng, followSvg } from './follow-poster'
import { resolvePayload } from './resolve'
import { nativeOrder, scan, scanCodeInMiniProgram, type ScanInput } from './scan'

const Method = z.enum(['camera', 'long-press', 'album'])
const ScanRequest = z
  .object({
    payload: z.string().min(1).max(4096).optional(),
    /** a PNG, base64 or as a data: URL */
    image: z.string().min(1).optional(),
    method: Method.optional(),
    appid: z.string().optional(),
  })
  .refine((v) => (v.payload === undefined) !== (v.image === undefined), 'give exactly one of `payload` (the QR text) or `image` (a PNG)')

const invalid = (message: string) => new SandboxError(400, 'invalid', message)

function methodOf(value: unknown, fallback: ScanMethod): ScanMethod {
  if (value === undefined || value === null || value === '') return fallback
  const parsed = Method.safeParse(value)
  if (!parsed.success) throw invalid('method is one of camera, long-press, album')
  return parsed.data
}

const imageInput = (bytes: Uint8Array, method: unknown): ScanInput => ({
  payload: decodeQrPng(bytes),
  method: methodOf(method, 'album'),
  source: 'image',
})

/**
 * What was scanned: a JSON body `{payload}` or `{image}` (base64 PNG), a raw `image/png` body, or a
 * multipart form with an `image` (or `file`) field. A picture defaults to the album (1049), text
 * to the camera (1047).
 */
async function scanInput(c: Context<PlatformEnv>): Promise<ScanInput & { appid?: string }> {
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  if (type.startsWith('image/') || type.startsWith('application/octet-stream')) {
    return { ...imageInput(new Uint8Array(await c.req.arrayBuffer()), c.req.query('method')), appid: c.req.query('appid') }
  }
  if (type.startsWith('multipart/form-data')) {
    // a form without its boundary, or cut short, is the caller's mistake
    const form = await c.req.parseBody().catch(() => {
      throw invalid('the body is not a valid multipart form')
    })
    const file = form.image ?? form.file
    const appid = typeof form.appid === 'string' ? form.appid : undefined
    if (file instanceof File) return { ...imageInput(new Uint8Array(await file.arrayBuffer()), form.method), appid }
    if (typeof form.payload === 'string' && form.payload) return { payload: form.payload, method: methodOf(form.method, 'camera'), source: 'text', appid }
    throw invalid('the form needs an `image` file or a `payload` field')
  }
  let json: unknown
  try {
    const text = await c.req.text()
    json = text === '' ? {} : parseJson(text)
  } catch {
    throw new SandboxError(400, 'bad_json', 'the body is not valid JSON')
  }
  const parsed = ScanRequest.safeParse(json)
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? 'invalid')
  const body = parsed.data
  if (body.payload !== undefined) return { payload: body.payload, method: body.method ?? 'camera', source: 'text', appid: body.appid }
  const base64 = body.image!.replace(/^data:[^,]*,/, '')
  return { ...imageInput(Buffer.from(base64, 'base64'), body.method), appid: body.appid }
}

function posterRequest(kind: PosterKind, q: Record<string, string>): PosterRequest {
  const need = (name: string) => {
    const v = q[name]
    if (!v) throw invalid(`the ${kind} poster needs \`${name}\``)
    return v
  }
  const common = { appid: q.appid, page: q.page }
  if (kind === 'table') return { ...common, key: need('table'), label: q.store }
  if (kind === 'product') return { ...common, key: need('id'), label: q.name, detail: q.price }
  return { ...common, key: need('code'), label: q.title, detail: q.subtitle }
}

/** The scanner of a person's phone, and the operator's codes and posters: `/_sandbox/…`. */
export const qrSandbox = new Hono<PlatformEnv>()
  /** Discover → Scan */
  .post('/people/:id/scan', async (c) => {
    const input = await scanInput(c)
    return c.json(await scan(c.var.platform, c.req.param('id'), input), 201)
  })
  /** wx.scanCode, called by a mini program page */
  .post('/people/:id/miniprogram/scan-code', async (c) => {
    const input = await scanInput(c)
    return c.json(await scanCodeInMiniProgram(c.var.platform, c.req.param('id'), input.appid, input))
  })
  /** What a payload or picture would do, without doing it. */
  .post('/qr/resolve', async (c) => {
    const input = await scanInput(c)
    const r = await resolvePayload(c.var.platform, input.payload, input.method)
    const payload = input.payload.trim()
    if (r.action === 'pay') return c.json({ payload, ...r, ...(await nativeOrder(c.var.platform, '', r.codeUrl)) })
    if (r.action === 'follow-official-account') return c.json({ payload, action: r.action, appid: r.appid, ticket: r.code.ticket, sceneId: r.code.sceneId, sceneStr: r.code.sceneStr })
    if (r.action === 'add-wecom-contact') return c.json({ payload, action: r.action, corpid: r.corpid, configId: r.way.configId, state: r.way.state, users: r.way.users })
    return c.json({ payload, action: r.action, via: r.via, appid: r.appid, path: r.path, query: r.query, scene: r.scene, ...r.subject })
  })
  .get('/qr/codes/:code', async (c) => {
    const code = await findCode(c.var.db, c.req.param('code'))
    if (!code) throw new SandboxError(404, 'not_found', `no code ${c.req.param('code')}`)
    return c.json({ ...posterInfo(code), kind: code.kind, query: code.query, envVersion: code.envVersion, createdAt: new Date(code.createdAt).toISOString() })
  })
  .get('/qr/codes/:code/image.png', async (c) => {
    const code = await findCode(c.var.db, c.req.param('code'))
    if (!code) throw new SandboxError(404, 'not_found', `no code ${c.req.param('code')}`)
    const app = await findMiniProgram(c.var.platform, code.appid)
    const width = c.req.query('width') ? Number(c.req.query('width')) : undefined
    if (width !== undefined && !Number.isFinite(width)) throw invalid('width is a number of pixels')
    const bytes = codeImage(code, app, { width })
    return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': 'image/png', 'X-Sandbox-Code-Payload': codePayload(code) } })
  })
  /** Printable posters: `/qr/posters/table?table=12`, `/product?id=…&name=…&price=…`, `/campaign?code=…&title=…`, `/follow?store=…` */
  .get('/qr/posters/:kind', async (c) => {
    const kind = c.req.param('kind')
    const q = c.req.query()
    if (kind === 'follow') return followPoster(c, q)
    if (kind !== 'table' && kind !== 'product' && kind !== 'campaign') throw new SandboxError(404, 'not_found', 'posters: table, product, campaign, follow')
    const req = posterRequest(kind, q)
    const format = q.format ?? 'svg'
    if (format === 'json') {
      const { code } = await posterCode(c.var.platform, kind, req)
      return c.json({ kind, ...posterInfo(code) })
    }
    if (format === 'png') {
      const { app, code } = await posterCode(c.var.platform, kind, req)
      const bytes = codeImage(code, app, { width: 860 })
      return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': 'image/png', 'X-Sandbox-Code-Payload': codePayload(code) } })
    }
    if (format !== 'svg') throw invalid('format is svg, png or json')
    const { svg, payload } = await posterSvg(c.var.platform, kind, req)
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'X-Sandbox-Code-Payload': payload })
  })

/** A store's follow code poster (the Official Account's `store=<id>` code): svg, png or json. */
async function followPoster(c: Context<PlatformEnv>, q: Record<string, string>) {
  const format = q.format ?? 'svg'
  const store = q.store ?? ''
  if (format === 'json') {
    const { code } = await followCode(c.var.platform, store, q.appid)
    return c.json({ kind: 'follow', appid: code.appid, ticket: code.ticket, payload: code.url, sceneStr: code.sceneStr })
  }
  if (format === 'png') {
    const { code } = await followCode(c.var.platform, store, q.appid)
    return new Response(new Uint8Array(await followPng(code)), { headers: { 'Content-Type': 'image/png', 'X-Sandbox-Code-Payload': code.url } })
  }
  if (format !== 'svg') throw new SandboxError(400, 'invalid', 'format is svg, png or json')
  const { svg, code } = await followSvg(c.var.platform, store, q.label, q.appid)
  return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'X-Sandbox-Code-Payload': code.url })
}
