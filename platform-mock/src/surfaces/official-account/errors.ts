import { WxError } from '../../shared/errors'

export const apiUnauthorized = () => new WxError(48001, 'api unauthorized')
