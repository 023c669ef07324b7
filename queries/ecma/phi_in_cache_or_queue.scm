; phi-in-cache-or-queue (PHI203)

; await redis.set(`patient:${id}`, JSON.stringify(patient))
; await this.cacheManager.set(key, patient)
; await reminderQueue.add("sms", { phone: patient.phone })
; await env.RX_CACHE.put(key, JSON.stringify(order))   (Cloudflare KV)
; await env.REFILL_QUEUE.send({ patient })             (Cloudflare Queues, SQS-style clients)
; await boss.send("report", { email })                  (pg-boss)
; await useStorage("programs").setItem(key, program)    (Nitro / unstorage)
; await agenda.schedule(when, "reminder", { patient })  (Agenda: MongoDB)
; await queue.createJob({ worker }).save()               (bee-queue: Redis)
; await producer.send({ topic, messages })              (kafkajs: the topic's retention)
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "set" "setEx" "setex" "setNX" "setnx" "hSet" "hset" "hmset" "hSetNX" "mSet" "mset" "lPush" "lpush" "rPush" "rpush" "sAdd" "sadd" "xAdd" "xadd" "publish" "add" "put" "remember" "send" "sendBatch" "sendMessage" "sendAfter" "setItem" "schedule" "now" "every" "createJob")) @sink
