; tls-verification-disabled (PHI302)

; requests.get(url, verify=False)
; aiohttp session.get(url, ssl=False)
; urllib3.PoolManager(cert_reqs="CERT_NONE")
; asyncssh.connect(host, known_hosts=None): the server's host key is not checked
(keyword_argument
  name: (identifier) @key
  value: (_) @value
  (#any-of? @key "verify" "verify_ssl" "ssl" "cert_reqs" "check_hostname" "known_hosts")) @sink

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

; paramiko client.set_missing_host_key_policy(paramiko.AutoAddPolicy()): any host key is accepted
(call
  function: (attribute
    attribute: (identifier) @method)
  arguments: (argument_list
    .
    (_) @value)
  (#eq? @method "set_missing_host_key_policy")) @sink
