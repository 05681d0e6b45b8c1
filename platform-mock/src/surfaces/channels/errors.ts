import { SandboxError } from '../../shared/errors'

// Channels has no public API for any of this (reference/channels.md §5): the sandbox's own errors.
export const noSuchAccount = (finder: string) => new SandboxError(404, 'not_found', `no Channels account ${finder}`)
export const noSuchVideo = (feedId: string) => new SandboxError(404, 'not_found', `no Channels video ${feedId}`)
export const noSuchLive = (liveId: string) => new SandboxError(404, 'not_found', `no live session ${liveId}`)
export const noSuchProduct = (productId: string, where: string) => new SandboxError(404, 'not_found', `no product ${productId} on ${where}`)
export const noSuchPerson = (id: string) => new SandboxError(404, 'not_found', `no person ${id}`)
export const liveState = (liveId: string, status: string, wanted: string) => new SandboxError(409, 'live_state', `live ${liveId} is ${status}, not ${wanted}`)
export const invalid = (message: string) => new SandboxError(400, 'invalid', message)
