// Every table of the platform, for drizzle-kit and for the typed database handle.
export * from './sandbox/schema'
export * from './world/schema'
export * from './shared/access-token/schema'
export * from './surfaces/pay/schema'
export * from './surfaces/wecom/schema'
export * from './surfaces/chat/schema'
export * from './surfaces/official-account/schema'
export * from './surfaces/miniprogram/schema'
