import { WecomError } from '../../shared/errors'

export const missingUserid = () => new WecomError(41009, 'missing userid')
export const useridNotFound = () => new WecomError(60111, 'userid not found')
