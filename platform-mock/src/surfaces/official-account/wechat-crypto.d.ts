// wechat-crypto ships no types; the calls the crypto test makes.
declare module 'wechat-crypto' {
  export default class WXBizMsgCrypt {
    constructor(token: string, encodingAESKey: string, id: string)
    getSignature(timestamp: string, nonce: string, encrypt: string): string
    decrypt(text: string): { message: string; id: string }
    encrypt(text: string): string
  }
}
