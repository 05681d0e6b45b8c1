import { css } from 'lit'

/** A presenter section's heading (small caps on the dark panel, a `.spacer` pushing controls right); each section sets its own margin. */
export const sectionHeading = css`
  h2 {
    font-size: 11px;
    font-weight: 600;
    letter-spacing: 0.8px;
    text-transform: uppercase;
    color: #8a9099;
    display: flex;
    align-items: center;
    gap: 8px;
  }
  h2 .spacer {
    flex: 1;
  }
`
