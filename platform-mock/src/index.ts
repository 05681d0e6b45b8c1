// The public face of platform-mock for other parts of the sandbox (merchant-demo, scenarios, e2e).
export { createPlatform, type PlatformApp } from './app'
export { interceptWeChat, type InterceptTarget, type Interception } from './intercept'
export { Platform } from './platform'
export { startPlatform, type RunningPlatform, type StartOptions } from './server'
export { memoryDb, openDb, closeDb, type Db } from './shared/db'
export type { CredentialsDocument } from './sandbox/credentials'
export type { SandboxEvent } from './shared/events'
