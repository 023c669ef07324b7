; phi-over-cleartext-mail-or-ftp (PHI304)

; server = smtplib.SMTP(host); server.sendmail(sender, to, body)
; ftp = ftplib.FTP(host); ftp.storbinary("STOR x", fh)
(call
  function: (attribute
    object: (identifier) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "sendmail" "send_message" "storbinary" "storlines")) @sink
