import { css } from 'lit'

/** A Channels screen that fills the phone in black behind white text: a video, a live room. */
export const darkScreen = css`
  :host {
    display: block;
    position: relative;
    height: 100%;
    background: #000;
    color: #fff;
    overflow: hidden;
  }
`

/** A white sheet sliding up from the bottom of a Channels screen (comments, the live room's products); each sets its height and pace. */
export const bottomSheet = css`
  .sheet {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    background: #fff;
    color: #191919;
    border-radius: 12px 12px 0 0;
    display: flex;
    flex-direction: column;
  }
  @keyframes up {
    from {
      transform: translateY(100%);
    }
  }
`
