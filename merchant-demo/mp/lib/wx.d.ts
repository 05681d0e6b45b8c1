/** The part of the mini program base library (`wx`, from the platform's /runtime/wx.js) these pages use. */
interface WxLaunchOptions {
  path: string
  query: Record<string, string>
  scene: number
  shareTicket?: string
}
/** What wx.chooseAddress answers (WeChat's field names). */
interface WxAddress {
  userName: string
  telNumber: string
  postalCode: string
  provinceName: string
  cityName: string
  countyName: string
  detailInfo: string
  nationalCode: string
}
interface WxRequestResult<T = unknown> {
  data: T
  statusCode: number
}
declare const wx: {
  login(): Promise<{ code: string }>
  request<T = unknown>(o: { url: string; method?: string; data?: unknown; header?: Record<string, string> }): Promise<WxRequestResult<T>>
  requestPayment(o: Record<string, string>): Promise<{ errMsg: string }>
  requestSubscribeMessage(o: { tmplIds: string[] }): Promise<Record<string, string>>
  navigateTo(o: { url: string }): Promise<unknown>
  redirectTo(o: { url: string }): Promise<unknown>
  /** closes every page and opens this one (the way home from an error page) */
  reLaunch(o: { url: string }): Promise<unknown>
  navigateBack(o?: { delta?: number }): Promise<unknown>
  showToast(o: { title: string; icon?: 'success' | 'error' | 'loading' | 'none'; duration?: number }): Promise<unknown>
  showLoading(o: { title: string }): Promise<unknown>
  hideLoading(): Promise<unknown>
  showModal(o: { title: string; content?: string; showCancel?: boolean }): Promise<{ confirm: boolean }>
  setNavigationBarTitle(o: { title: string }): Promise<unknown>
  getLaunchOptionsSync(): WxLaunchOptions
  /** the phone: `language` is WeChat's ('zh_CN' in 中文, 'en') */
  getSystemInfoSync(): { language?: string }
  /** what "Send to Chat" sends: the card's title, the page it opens and its picture (WeChat draws it at 5 : 4) */
  onShareAppMessage(handler: () => { title?: string; path?: string; imageUrl?: string }): void
  getStorageSync(key: string): any
  setStorageSync(key: string, value: unknown): void
  removeStorageSync(key: string): void
  previewImage(o: { urls: string[]; current?: string }): Promise<unknown>
  /** WeChat's address book sheet: the address the person picks (fails with `chooseAddress:fail cancel`) */
  chooseAddress(): Promise<WxAddress>
  /** the page is on top again (also once at the start) / covered by another page (Page onShow / onHide) */
  onShow(listener: (options: WxLaunchOptions) => void): void
  onHide(listener: () => void): void
  openCustomerServiceChat(o: { extInfo: { url: string }; corpId: string }): Promise<unknown>
}
