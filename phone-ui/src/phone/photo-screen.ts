import { css } from 'lit'

/** A picture full screen on black over the phone, centred (a chat photo, wx.previewImage). */
export const photoScreen = css`
  :host {
    position: absolute;
    inset: 0;
    z-index: 30;
    background: #000;
    display: flex;
    align-items: center;
    justify-content: center;
  }
`
