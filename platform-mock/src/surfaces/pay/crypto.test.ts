import { createPrivateKey, createPublicKey } from 'node:crypto'
import { expect, test } from 'vitest'
import { aesGcmDecrypt, aesGcmEncrypt, jsapiPayMessage, requestMessage, responseMessage, rsaSign, rsaVerify } from './crypto'
import { parseAuthorization } from './auth'

// The public test key of the WeChat Pay signing documentation (not a secret), and its vectors,
// from shared/reference/wechat-pay-v3.md §1.3 and §2.
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCm2mb6q8gMKH/3
CNTbpJAIrbqiBiQGEOtjGcBrDYltsGynWgNscqT7WvfzU14FQbYcQUC5T4Wvva7m
i3fIp3OgX8VqMDNA0qebnr38Pe6kqiLyZgFpJPXlSKDyPyqhRbVTbXssvSMQeVKc
dXeVxoNNeoOlNFHgF/P0io6AmAVnz+hN8SiZKuOsth5/zUTLGvtkgxBcQooQrtXh
RcpLT798OyIb9xeJ2HO3xRtMv2+perEzb4gMibI74UBz+2QEbnkubPE+2jU2rRZu
dnNEz/BPOt3Qj/w2V6/G0VumGDh6+UeMU0jv4aupHztWITC4Akn0l7lBCNy3lgl8
VFaJnkIxAgMBAAECggEAYGL8aESB7NwciDWW2UdoWUsa7GxFtSdjAz2mFXGdeTsY
mVh7b9OOkRGM+Qio4LqEHDBp1mMk5E/cUJwy1zw8pGGO5nfvs7u9TT3XnHaefIs4
YvUgTYAneIuLRkXNN5rQU+CD7mVYczTSz0Vgjqo9wa1LjUz7G0xbBmJgTdMEFGJs
eJjy6AbJo0CGIwp6HJbTm4CmOUgXnnDAIbEGTIRImkZFH/rzneIeR7oZ77FVwxr1
CZB2gfRCov/yRPbw8vnryYkmvQ7D/ze3j5097vRg/MoDGBSdoOwcmo75vyofr0AS
zytMjmHYyifqkf5slPropSiJeGf4p/7gtKyF6dE/XQKBgQDVAlJ+4U5ZVGOuDc3+
sAhz8CTzgFNlq9vKuSoFK6hOz2L+cwj+E7NXGkOe2DsHHZNy2Xqxk7caKhPEp1z9
hhpMpyLVMoFt6CKemyoRBWDCQwLLwem9SZF/IAyovBkLiH36P42Jm26gUkNMKC/5
Zhtqxf6RZgRQzbVudJi47vIRCwKBgQDIh0+v27Oo+DM3fhObH4I1NrXpWOEGH7OQ
G1dEsMuFYF4hjGhg0kBEP3w9vVdl2+mRllZKTsx9oqjb8OibPLLIH8xsdbAB0WLf
JvjLu4wl/ILUzN1RI03dWnnv2EnEeQn6c3hizvrJ9wR5U4ue9RPVnQooJ0hZF1PU
uCL5fWK3MwKBgElReU/PAYbh80WP3t3Rfbdaa32dKBeQ5iCLR5lsA4zM+YgX1HqQ
EWTj126vgvHaDkyz6vWAoL/Sx+cirHFfXWIRDX5Q2hgYlQH+6qXdMgbrxeSYpHnQ
/tHBGFpkFELSAnrGsVMyOwvYBO4LzyeLK9i+ufcWJFoj1FVmsMLHDG8tAoGARdbi
iQQCoYG4DMarO2aQ6cmhN6EN1h0qY7EyBqlwaIZ0okiNfdMcMOjPc41DKCWcRmlO
qlihXcxN9TQFPzO3rH1urAOdBjUPs1qWYhZyrDQyuLyVBBJApyxAtajloDjrob+f
mQIvVDHk7ACN6xG+E7K6+9salnTKbJapD618uQMCgYBNy6XUvzLkP/A1U/UZdtcx
l8GwU/dturLxz4CyGbqDw4ubaYY2e13lnqHUqQgPtiSyH51nq3tdo8G0YAJdfkSv
KvnfslW91fyEBUKnkdW1o3/1UFU/wprZ7ixVL/F42A4xDu7OFE8EnweJOZ0jWceE
OdhCkaIGBCfRnlECRK8UyQ==
-----END PRIVATE KEY-----
`
const key = createPrivateKey(TEST_KEY)
const publicKey = createPublicKey(key)

test('signs the official request vector A byte for byte', () => {
  const body =
    '{"appid":"wxd678efh567hg6787","mchid":"1900007291","description":"Image形象店-深圳腾大-QQ公仔","out_trade_no":"1217752501201407033233368018","notify_url":"https://www.weixin.qq.com/wxpay/pay.php","amount":{"total":100,"currency":"CNY"},"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}}'
  const message = requestMessage('POST', '/v3/pay/transactions/jsapi', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', body)
  const expected =
    'jnks4dlrPw3ZX+ozVvSK39oa0t7OMBsg83BHAwd8BRdUFiVaQNTLTvci+wURgP1OQBbKYhFGvt7iqYpDSTQkp7Uq1sltaQKyncCyrA1g88m5bsKERQfPyT0ahSwKTYJ1CAn9QiJuSJRq1QsQs07eehbU/k9BCS51jTyc1Jpsi2H77HF9f/BnjXAOP3/sPObg6V5Ee4EzwLox684hhuMuIwHo7D8KFk3LIHOKDcNI4It1aCXydFWNpNK+SG86VUDe5kwoDpw4Ulqfu9z8OFDGbDs9TCxEv8iqQzbpxOlEVoOe2kalSYM5kApQb3nZcxdUtoE0liJGW3RGUNE0t4v01A=='
  expect(rsaSign(key, message)).toBe(expected)
  expect(rsaVerify(publicKey, message, expected)).toBe(true)
  expect(rsaVerify(publicKey, message.subarray(1), expected)).toBe(false)
})

test('signs the official paySign vector B', () => {
  const message = jsapiPayMessage('wx2421b1c4370ec43b', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', 'prepay_id=wx201410272009395522657a690389285100')
  expect(rsaSign(key, message)).toBe(
    'mI35pfNEQV6777ke/1T+LJLQDNTm7yeoUJH+j/adPGhmCCi0PbgkvYQTRcXH0uibcLVtvFLdGLpmoYO9FV6lBBsTAjuhh5YOvQi0e2g3e0yytitiNET9FEuqM0pjnKfRW4K6LIZDdbWJv9KhZUx3DrJa5TL7OJ7VdADVivxVySIlPVKjGwuCXzuXSJes0UcILgWQUMyha5/3nYofuHtS7r+KYyMuxD+oJ9VM1Qdxk4UIG59CP5Y3wtYIFybyF3bdu1caHTRRX+DLyMXyYA/IrTmiW01c4RPjpHBX5Dk1sZyY1zVsWNsvMHr2e1NTWtBxKJ+qk5N61J7caYoepHFaxw==',
  )
})

test('signs a GET with an empty body line (vector C)', () => {
  const message = requestMessage('GET', '/v3/certificates', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', '')
  expect(message.toString()).toBe('GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n')
  expect(rsaSign(key, message)).toBe(
    'JNEITrKv8DWEtBJGZtxG9ARa+eIZDIn1Ht3MQM5j9jP77TtHdfCqLjpwevfWftBuaGMfEdiu2sWYtLvnZIoLW3FH10OVCBzKncid5xClTwav8JX+uDeGBBX8w64iHvFyuQj8ukZT+F1AFJii8hmXLD8Os90thnL0bfJYLo/4K237TH4dEd44NTH9ElFb/ykrvv9RBs+mCNpy5IUe2Qxhba3d3RiMqhWK2sSr3tsVzQihJ0TPMnjWqoU2W5Y/v3rBFDmLhqe0ZW6A4vyvjmiR0v/8XEI25Py4PNyZXszsdl4j0zLqelUJxGEMUBhYg1LIoDPjYMlA9HV1yKD6+JYZJA==',
  )
})

test('verifies the public response-signature vector', () => {
  const platformKey = createPublicKey(`-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwXNI6sdlknHBnK8Fu2U6
Cwor9qY747jP8KAfeBMeveEt1TqaHkLfaSD07trZLhGpfs8/AHqjhgSMO1O10YQW
OrrJ4hjIWPKqxbgrYMkBQc+mwdiWp4W3ByCqxBRagCveCXRWCmuJYovl9H/bsDI0
iGbpVtEOghJtfciisYSgxcLufUDTRkvwxjIBK1pCRjk33jJ5YTBWTHMRtMAOcFLN
F6hdEYdX8SPsgHHeLZ5Lv2T/686w1xtgCHef/sd4uSfWmyzsalQdHG/e4IyYmrhx
+O3VBoNDzE3nx23bFeV/RVNCG7cV6VhmYokJNHa/erIPkEmEFID6A5wQOXuxUkmJ
WwIDAQAB
-----END PUBLIC KEY-----`)
  const message = responseMessage('1722850421', 'd824f2e086d3c1df967785d13fcd22ef', '{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz1"}')
  const signature =
    'mfI1CPqvBrgcXfgXMFjdNIhBf27ACE2YyeWsWV9ZI7T7RU0vHvbQpu9Z32ogzc+k8ZC5n3kz7h70eWKjgqNdKQF0eRp8mVKlmfzMLBVHbssB9jEZEDXThOX1XFqX7s7ymia1hoHQxQagPGzkdWxtlZPZ4ZPvr1RiqkgAu6Is8MZgXXrRoBKqjmSdrP1N7uxzJ/cjfSiis9FiLjuADoqmQ1P7p2N876YPAol7Rn0+GswwAwxldbdLrmVSjfytfSBJFqTMHn4itojgxSWWN1byuckQt8hSTEv/Lg97QoeGniYP17T80pJeQyL3b+295FPHSO2AtvCgyIbKMZ0BALilAA=='
  expect(rsaVerify(platformKey, message, signature)).toBe(true)
  expect(rsaVerify(platformKey, message, 'WECHATPAY/SIGNTEST/' + signature)).toBe(false)
})

test('seals and opens resources with AEAD_AES_256_GCM (reference vector)', () => {
  const plaintext = '{"mchid":"1900000109","out_trade_no":"T20240101A","trade_state":"SUCCESS"}'
  const ciphertext =
    'aNhs2hVFrQKRZTWd3AGdz7mKKJwTmufcIQiLNik44t0d3X4KKvOBiiNsv1+WNGGiIUQ8U9jAYR3C1pXHYTRa6/uaG4f8MeN8GUuma2SzH8L0mWdPXE2MyuYw'
  expect(aesGcmEncrypt('0123456789abcdef0123456789abcdef', 'fbd0e1c9a3b2', 'transaction', plaintext)).toBe(ciphertext)
  expect(aesGcmDecrypt('0123456789abcdef0123456789abcdef', 'fbd0e1c9a3b2', 'transaction', ciphertext)).toBe(plaintext)
  expect(() => aesGcmDecrypt('0123456789abcdef0123456789abcdef', 'fbd0e1c9a3b2', 'refund', ciphertext)).toThrow()
})

test('parses the Authorization header in any field order and refuses other schemes', () => {
  const fields = { mchid: '1900007291', nonce_str: 'abc', timestamp: '1554208460', serial_no: '408B07E7', signature: 'c2ln' }
  const go = `WECHATPAY2-SHA256-RSA2048 mchid="1900007291",nonce_str="abc",timestamp="1554208460",serial_no="408B07E7",signature="c2ln"`
  const axios = `WECHATPAY2-SHA256-RSA2048 mchid="1900007291",serial_no="408B07E7",timestamp="1554208460",nonce_str="abc",signature="c2ln"`
  const spaced = `WECHATPAY2-SHA256-RSA2048 signature="c2ln", timestamp="1554208460", nonce_str="abc", mchid="1900007291", serial_no="408B07E7"`
  for (const header of [go, axios, spaced]) expect(parseAuthorization(header)).toEqual(fields)
  expect(parseAuthorization(go.replace('WECHATPAY2-SHA256-RSA2048', 'WECHATPAY2-SM2-WITH-SM3'))).toBeNull()
  expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1900007291",nonce_str="abc"')).toBeNull()
  expect(parseAuthorization(undefined)).toBeNull()
})

test("reproduces WeChat Pay's published AEAD_AES_256_GCM example (key 0123456789abcdef…, nonce 0123456789abcdef, associated data world)", () => {
  const key = '0123456789abcdef0123456789abcdef'
  expect(aesGcmEncrypt(key, '0123456789abcdef', 'world', 'hello')).toBe('APoZlYpivU3HjbAiB4CvW1rAFr8J')
  expect(aesGcmDecrypt(key, '0123456789abcdef', 'world', 'APoZlYpivU3HjbAiB4CvW1rAFr8J')).toBe('hello')
})
