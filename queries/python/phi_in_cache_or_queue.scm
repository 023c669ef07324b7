; phi-in-cache-or-queue (PHI203)

; redis_client.set(key, patient.ssn)
; cache.set("dob", dob)
; send_reminder.delay(patient.phone)
; await redis.enqueue_job("remind", patient.email)          (arq)
; sqs.send_message(QueueUrl=url, MessageBody=json.dumps(record)), sns.publish(Message=...) (boto3)
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "set" "setex" "psetex" "setnx" "hset" "hmset" "hsetnx" "mset" "lpush" "rpush" "sadd" "zadd" "xadd" "publish" "set_many" "add" "put" "remember" "delay" "apply_async" "send_task" "enqueue" "enqueue_call" "enqueue_at" "enqueue_in" "send" "send_with_options" "enqueue_job" "send_message" "send_message_batch" "publish_batch")) @sink
