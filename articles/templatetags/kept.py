"""`{% kept "name" key %}...{% endkept %}`: the block rendered once per key and then kept.

Django's `{% cache %}` keeps a fragment for a time; pages here keep one until what it shows
changes, so the key names that state (a read model's revision, see articles.readmodels.refresh)
and no timeout applies. An empty key renders the block afresh without keeping it: a page past the
first, whose cursor a reader chooses, is not worth a cache entry.
"""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Bump when the markup of a kept block changes, so blocks rendered by older code are not used.
MARKUP_VERSION = 1


class KeptNode(template.Node):
    def __init__(self, nodelist: NodeList, name: FilterExpression, key: FilterExpression):
        self.nodelist = nodelist
        self.name = name
        self.key = key

    def render(self, context: Context) -> SafeString:
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        cache_key = f"kept:{MARKUP_VERSION}:{self.name.resolve(context)}:{key}"
        html: str | None = cache.get(cache_key)
        if html is None:
            html = str(self.nodelist.render(context))
            cache.set(cache_key, html)
        # Safe: rendered by this template's nodes, which escape what they print, and kept under a
        # key built from the template's own values.
        return mark_safe(html)


@register.tag
def kept(parser: Parser, token: Token) -> KeptNode:
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name and a key")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]))
