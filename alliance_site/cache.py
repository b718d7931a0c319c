"""The shared cache when Redis is configured: an outage costs speed, never availability.

django-redis with `IGNORE_EXCEPTIONS` answers a miss for every read and drops every write
while Redis is unreachable, and reconnects by itself when it is back. Two things it does
not do are done here:

- `add()` answers True during an outage. allauth's rate limiter takes a lock with
  `cache.add()` and, when the lock is never granted, treats the request as rate limited:
  with plain django-redis every login would wait a second and be refused. With no cache,
  the limiter sees no history and lets the request through (limits are off until Redis
  is back; logins keep working).
- The ignored errors are logged at most once every five minutes (`OncePerInterval`),
  not once per cache call of every request.
"""

import logging
import time

from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.cache import omit_exception

LOGGER_NAME = "alliance_site.cache"


class RedisCache(DjangoRedisCache):
    @omit_exception(return_value=True)
    def add(self, *args, **kwargs):
        return self.client.add(*args, **kwargs)


class OncePerInterval(logging.Filter):
    """Let one record through per `interval` seconds; count the ones held back."""

    def __init__(self, interval=300):
        super().__init__()
        self.interval = interval
        self.last = None
        self.held_back = 0

    def filter(self, record):
        now = time.monotonic()
        if self.last is not None and now - self.last < self.interval:
            self.held_back += 1
            return False
        if self.held_back:
            record.msg = f"{record.msg} ({self.held_back} more since the last report)"
        self.last, self.held_back = now, 0
        return True


def install_log_filter():
    logger = logging.getLogger(LOGGER_NAME)
    if not any(isinstance(f, OncePerInterval) for f in logger.filters):
        logger.addFilter(OncePerInterval())
