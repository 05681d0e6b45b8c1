import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { TestPlatform } from '../../testing'

/** Helpers the mini program and qr tests share (not a test file). */
export function mpKit(p: TestPlatform) {
  const cred = p.platform.credentials
  const mp = { ...cred.miniProgram, name: p.platform.world.miniProgram.name }
  return {
    mp,
    oa: cred.officialAccount,
    async token(app: { appid: string; secret: string } = mp) {
      const body = await p.json(`/cgi-bin/token?grant_type=client_credential&appid=${app.appid}&secret=${app.secret}`)
      return body.access_token as string
    },
    async openid(person: string, appid = mp.appid) {
      const body = await p.json(`/_sandbox/people/${person}`)
      return (body.identities as { appid: string; openid: string; unionid: string }[]).find((i) => i.appid === appid)!
    },
    async wxLogin(person: string) {
      return (await (await p.post(`/_sandbox/people/${person}/miniprogram/login`, {})).json()) as { code: string; errMsg: string }
    },
    async code2session(code: string, secret = mp.secret, appid = mp.appid) {
      return p.json(`/sns/jscode2session?appid=${appid}&secret=${secret}&js_code=${code}&grant_type=authorization_code`)
    },
    async advance(by: string) {
      const res = await p.post('/_sandbox/clock/advance', { by })
      if (res.status !== 200) throw new Error(`advance failed: ${res.status}`)
    },
    async launch(person: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
      const res = await p.post(`/_sandbox/people/${person}/miniprogram/launch`, body, headers)
      return { status: res.status, body: (await res.json()) as any }
    },
    async templates() {
      return (await p.json('/_sandbox/miniprogram/templates')).templates as { templateId: string; slug: string; keywords: { key: string }[] }[]
    },
  }
}

/** The text of the QR code in a PNG, as a phone's scanner reads it. */
export function decodePng(bytes: ArrayBuffer | Buffer) {
  const png = PNG.sync.read(Buffer.from(bytes as ArrayBuffer))
  return { width: png.width, height: png.height, data: png.data, text: jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null }
}
