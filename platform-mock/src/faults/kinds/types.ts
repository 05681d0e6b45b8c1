import type { z } from 'zod'

/** Where a fault is injected: a WeChat host, a delivery the platform makes, or the phone. */
export const FAULT_SURFACES = {
  api: 'api.weixin.qq.com: Official Account, mini program and Channels server APIs',
  wecom: 'qyapi.weixin.qq.com: WeCom server APIs',
  pay: 'api.mch.weixin.qq.com: WeChat Pay APIs v3',
  'pay-notify': 'WeChat Pay notifications the platform delivers to the merchant',
  'pay-keys': "WeChat Pay's platform certificate, public key and response signatures",
  miniprogram: 'the mini program runtime in the phone (wx.login, subscriptions, pages)',
  'oa-push': 'Official Account pushes to the merchant server and its passive replies',
  'wecom-push': 'WeCom callbacks to the merchant server and its passive replies',
} as const
export type FaultSurface = keyof typeof FAULT_SURFACES

/** One thing that can go wrong, as the catalog (`GET /_sandbox/faults/catalog`) documents it. */
export interface FaultKind {
  surface: FaultSurface
  /** its name on the surface: WeChat's own code where it has one (`USERPAYING`, `45009`) */
  fault: string
  /** what the merchant and the person see when it fires, in a sentence */
  summary: string
  /** the routes or moments it applies to, in words (the rule's `route` narrows it further) */
  where: string
  /** what `params` may say; absent: none */
  params?: z.ZodType<Record<string, unknown>>
}
