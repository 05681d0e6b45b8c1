import type { Platform } from '../platform'
import type { Db } from './db'

/** What every handler finds in `c.var`. */
export interface PlatformVariables {
  platform: Platform
  db: Db
  requestId: string
  /** set by `accessToken()`: the app (appid) or WeCom app (`corpid:agentid`) the token belongs to */
  tokenOwner: string
}

export interface PlatformEnv {
  Variables: PlatformVariables
  Bindings: { platform: Platform }
}
