#!/bin/sh
# redis-cli command lines from a runbook (no TLS)
redis-cli -h 127.0.0.1 -p 6379
redis-cli -h cache.internal.example -p 6380 -n 3 --user app -a 'cli-Plain-Pa55 w/space' --raw --no-auth-warning PING
REDISCLI_AUTH="$REDIS_PASSWORD" /usr/local/bin/redis-cli -h queue.internal.example -c --scan --pattern 'jobs:*' | head
docker exec -it cache redis-cli -u redis://worker:cli-Uri-Pa55@10.1.2.3:6381/4 -s /tmp/redis.sock
