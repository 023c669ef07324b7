; phi-in-object-storage (PHI204)

; s3.put_object(Bucket="records", Key=key, Body=json.dumps(record))
; s3.upload_file(report_path, "records", key)
; s3.Object(bucket, key).put(Body=payload)
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "put_object" "upload_file" "upload_fileobj" "put")) @sink
