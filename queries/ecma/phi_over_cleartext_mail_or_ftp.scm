; phi-over-cleartext-mail-or-ftp (PHI304)

; nodemailer.createTransport({ host, port: 25, ignoreTLS: true })
(pair
  key: (property_identifier) @key
  value: (true) @value
  (#eq? @key "ignoreTLS")) @sink
