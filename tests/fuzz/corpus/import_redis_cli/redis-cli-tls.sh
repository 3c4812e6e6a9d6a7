#!/bin/sh
# redis-cli over TLS (redis-cli 7.x options)
redis-cli --tls \
  --cacert /etc/redis/tls/ca.crt \
  --cert /etc/redis/tls/client.crt --key /etc/redis/tls/client.key \
  --sni cache.prod.example.com \
  -h 10.20.30.40 -p 6380 --user admin --askpass \
  --tls-ciphers 'ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384' \
  --tls-ciphersuites TLS_AES_256_GCM_SHA384
REDISCLI_AUTH=cli-Env-Pa55 redis-cli -h staging.example.com -p 6380 --tls --insecure -t 2.5
redis-cli --pass "cli-Tls-Pa55\"q" -h dev.example.com --cacert ca.pem --cacertdir /etc/ssl/certs -3
