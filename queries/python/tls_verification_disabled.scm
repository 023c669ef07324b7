; tls-verification-disabled (PHI302)

; requests.get(url, verify=False)
; aiohttp session.get(url, ssl=False)
; urllib3.PoolManager(cert_reqs="CERT_NONE")
(keyword_argument
  name: (identifier) @key
  value: (_) @value
  (#any-of? @key "verify" "verify_ssl" "ssl" "cert_reqs" "check_hostname")) @sink

; ctx.verify_mode = ssl.CERT_NONE
; ctx.check_hostname = False
; session.verify = False
(assignment
  left: (attribute
    attribute: (identifier) @key)
  right: (_) @value
  (#any-of? @key "verify_mode" "check_hostname" "verify")) @sink

; ssl._create_unverified_context()
(call
  function: (attribute
    attribute: (identifier) @method)
  (#eq? @method "_create_unverified_context")) @sink

; paho-mqtt client.tls_insecure_set(True): the broker's certificate hostname is not checked
(call
  function: (attribute
    attribute: (identifier) @method)
  arguments: (argument_list
    .
    (true) @value)
  (#eq? @method "tls_insecure_set")) @sink
