// co-wechat-api ships no types; the few calls the SDK test makes.
declare module 'co-wechat-api' {
  export default class API {
    constructor(appid: string, appsecret: string)
    prefix: string
    snsPrefix: string
    wxaPrefix: string
    getAccessToken(): Promise<{ accessToken: string; expireTime: number }>
    code2Session(jsCode: string): Promise<{ openid: string; session_key: string; unionid?: string }>
    getWXACodeUnlimit(scene: string, page?: string, width?: number): Promise<Buffer>
    getWXACode(path: string, width?: number): Promise<Buffer>
    createWXAQRCode(path: string, width?: number): Promise<Buffer>
    sendSubscribeMessage(openid: string, templateId: string, page: string | undefined, data: Record<string, { value: string }>): Promise<{ errcode: number; errmsg: string }>
  }
}
