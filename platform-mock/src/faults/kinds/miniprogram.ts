import { z } from 'zod'
import type { FaultKind } from './types'

const WHERE = "the person's answer to wx.requestSubscribeMessage (route /subscribe; app: the mini program's appid, person: who answers)"
const Templates = z.object({ tmplIds: z.array(z.string().min(1)).min(1).max(5).optional() }).strict()

/**
 * The mini program runtime in the phone: what the person's WeChat answers the mini program
 * instead of what they would have chosen. Each answer is one of WeChat's own
 * (`requestSubscribeMessage:ok` with `"<TEMPLATE_ID>": "reject" | "ban"`).
 */
export const MINIPROGRAM_FAULTS: FaultKind[] = [
  {
    surface: 'miniprogram',
    fault: 'reject',
    summary:
      'the person refuses the subscription: wx.requestSubscribeMessage answers "requestSubscribeMessage:ok" with "<TEMPLATE_ID>": "reject" for the templates (`tmplIds`, default all asked); no consent is granted, so a later subscribeMessage.send answers 43101',
    where: WHERE,
    params: Templates,
  },
  {
    surface: 'miniprogram',
    fault: 'ban',
    summary:
      'the template is banned by WeChat (已被后台封禁): wx.requestSubscribeMessage answers "<TEMPLATE_ID>": "ban" for the templates (`tmplIds`, default all asked) whatever the person chose; no consent is granted',
    where: WHERE,
    params: Templates,
  },
  {
    surface: 'miniprogram',
    fault: '41030',
    summary:
      '{"errcode":41030,"errmsg":"invalid page rid: …"}: the page the call names is not in the released version (it is only in a trial or development version); nothing is made or sent',
    where: 'POST /wxa/getwxacodeunlimit (with check_path, the default) and POST /cgi-bin/message/subscribe/send with a page and miniprogram_state formal (`route` narrows to one; `app` the appid)',
  },
]
