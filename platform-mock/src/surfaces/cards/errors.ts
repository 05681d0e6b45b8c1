import { SandboxError, WxError } from '../../shared/errors'

// 卡券错误码 (Cards_and_Offer/Card_coupons_error_code): the codes are documented, most errmsgs are not.
export const missingField = (field: string) => new WxError(41011, `missing required fields! ${field}`)
export const invalidCardType = () => new WxError(40071, 'invalid card type')
export const invalidCodeType = () => new WxError(40072, 'invalid code type')
export const invalidTime = () => new WxError(40079, 'invalid time')
export const invalidTimeRange = () => new WxError(40100, 'invalid time range')
export const invalidQuantity = () => new WxError(40122, 'invalid quantity')
export const fieldTooLong = (field: string) => new WxError(45021, `field size out of limit! ${field}`)
export const invalidColor = () => new WxError(47003, 'argument invalid! color')
export const invalidCardId = () => new WxError(40073, 'invalid card id')
export const invalidSerialCode = () => new WxError(40056, 'invalid serial code')
export const codeConsumed = () => new WxError(40099, 'invalid code, this code has consumed.')
export const badUserCardStatus = () =>
  new WxError(40127, 'invalid user-card status! Hint: the card was given to user, but may be deleted or set unavailable !')
export const invalidTicketType = () => new WxError(40097, 'invalid args')

// control API (the person's phone)
export const noPerson = (id: string) => new SandboxError(404, 'not_found', `no person ${id}`)
export const noApp = (appid: string) => new SandboxError(404, 'not_found', `no app ${appid} in this world`)

/** What wx.addCard fails with; the message is the client's `errMsg` tail. */
export class AddCardFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }

  getResponse() {
    const errMsg = `addCard:fail ${this.message}`
    return Response.json({ errMsg, error: { code: this.code, message: errMsg } }, { status: 400 })
  }
}
