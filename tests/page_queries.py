"""What one page view costs in queries, and proof that the cost does not grow with the data it lists.

Every cache is emptied before a counted request, so the anonymous page cache never answers in place
of the page and the count is that of a real render.
"""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


def empty_every_cache():
    for cache in caches.all():
        cache.clear()


def queries_to_render(client, url) -> int:
    empty_every_cache()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries)


def assert_queries_stay_flat(client, url, grow, django_assert_max_num_queries):
    """Counts a render, lets `grow` add several times the data, and fails if the render then costs more.

    The first render is not counted: lookups Django keeps for the life of the process (content
    types, for one) would otherwise make the small count look dearer than it is.
    """
    queries_to_render(client, url)
    small = queries_to_render(client, url)
    grow()
    empty_every_cache()
    with django_assert_max_num_queries(small, info=f"{url} cost {small} queries before the data grew"):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()
