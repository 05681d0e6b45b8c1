import { SandboxError, WecomError } from '../../shared/errors'

export const missingUserid = () => new WecomError(41009, 'missing userid')
export const useridNotFound = () => new WecomError(60111, 'userid not found')
export const invalidUserid = (userid: string) => new WecomError(40003, `invalid userid ${userid}`)
export const invalidParameter = (what: string) => new WecomError(40058, `invalid parameter: ${what}`)
export const invalidAgentid = () => new WecomError(40056, 'invalid agentid')
export const apiForbidden = () => new WecomError(48002, 'api forbidden')
export const allInvalid = () => new WecomError(81013, 'user & party & tag all invalid')
export const invalidExternalUserid = () => new WecomError(40096, 'invalid external userid')
export const notExternalContact = () => new WecomError(84061, 'not external contact')
export const welcomeNotAllowed = () => new WecomError(41051, 'customer already started chatting')
export const invalidConfigId = () => new WecomError(40099, 'invalid config_id')
export const invalidOpenKfid = () => new WecomError(95000, 'invalid open_kfid')
export const invalidMsgToken = () => new WecomError(95007, 'invalid msg token')
export const invalidCursor = () => new WecomError(95008, 'invalid cursor')
export const kfSendLimit = () => new WecomError(95001, 'send msg count limit')
export const kfSessionClosed = () => new WecomError(95018, 'send msg session status invalid')

/** A control-API request the sandbox refuses. */
export const invalid = (message: string) => new SandboxError(400, 'invalid', message)
export const invalidTagId = (id: string) => new WecomError(40068, `invalid tagid ${id}`)
export const tagNameExists = (name: string) => new WecomError(40071, `UserTag Name Already Exist: ${name}`)
