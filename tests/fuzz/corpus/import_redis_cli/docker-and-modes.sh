docker exec -it cache redis-cli -u 'rediss://u:pw@h:6380/2' --stat
valkey-cli -h "$HOST" -a "${REDIS_PASSWORD}" --no-auth-warning -n 4 PING | tee out; echo done
/usr/local/bin/keydb-cli -p 7000 -c --tls --sni 'a b' --cacert=x.pem
redis-cli -a $(cat /run/secret) -h 'unterminated
