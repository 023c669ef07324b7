; phi-over-cleartext-mail-or-ftp (PHI304)

; SmtpTransport::builder_dangerous("mail.acme-health.com")
(call_expression
  function: (scoped_identifier
    name: (identifier) @method)
  arguments: (arguments) @args
  (#eq? @method "builder_dangerous")) @sink
