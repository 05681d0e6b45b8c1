import { SandboxError } from '../../shared/errors'

export const notInConversation = (who: string, to: string) =>
  new SandboxError(403, 'not_friends', `${who} is neither a friend of ${to} nor a member of group ${to}`)
export const noSuchConversation = (id: string) => new SandboxError(404, 'not_found', `no conversation ${id}`)
export const unknownMiniProgram = (appid: string) => new SandboxError(400, 'invalid', `no mini program ${appid} in this world`)
export const badImage = () =>
  new SandboxError(400, 'invalid', 'image.url must be a photo of the album (/_sandbox/chat/album/<id>.svg) or a data:image/(png|jpeg|gif|webp);base64 URL')
export const unknownSticker = (id: string) => new SandboxError(400, 'invalid', `no sticker ${id}: see GET /_sandbox/chat/stickers`)
export const noSuchMessage = (seq: number) => new SandboxError(404, 'not_found', `no message ${seq} in a conversation of yours`)
